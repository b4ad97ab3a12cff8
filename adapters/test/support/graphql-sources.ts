// Reads the adapters' TypeScript as source (the compiler's parser, no type checking) to find every
// GraphQL document written anywhere and every document handed to `graphql.request(…)`, so the schema
// test can prove it validated all of them, not only what one folder happens to export.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface WrittenDocument {
  /** e.g. `src/cart.ts` */
  file: string;
  operation: string;
}

export interface RequestCall {
  file: string;
  line: number;
  /** The identifier passed as the document, or undefined when it is anything else (a literal, a call…). */
  document: string | undefined;
}

// `query Name(`, `mutation {`, … after optional `#` comments; or the anonymous shorthand `{ field {`/`{ field(`.
const OPERATION = /^\s*(?:#[^\n]*\n\s*)*(?:(?:query|mutation|subscription)\b\s*([A-Za-z_]\w*)?\s*[({]|\{\s*[A-Za-z_]\w*\s*[({])/;

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return undefined;
}

/** Every string or template literal in `text` that opens a GraphQL operation; anonymous ones are named `(anonymous)`. */
export function findWrittenDocuments(file: string, text: string): WrittenDocument[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: WrittenDocument[] = [];
  const visit = (node: ts.Node): void => {
    const match = OPERATION.exec(literalText(node) ?? "");
    if (match) found.push({ file, operation: match[1] ?? "(anonymous)" });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every `<something>.request(operation, document, …)` call with what it passes as the document. */
export function findRequestCalls(file: string, text: string): RequestCall[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const calls: RequestCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "request") {
      const argument = node.arguments[1];
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      calls.push({ file, line, document: argument && ts.isIdentifier(argument) ? argument.text : undefined });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** Scans every .ts file below `root`'s `src/` and `bin/`; file names come back relative to `root`. */
export function scanAdapterSources(root: string): { documents: WrittenDocument[]; calls: RequestCall[] } {
  const files = [...listSourceFiles(join(root, "src")), ...listSourceFiles(join(root, "bin"))];
  const documents: WrittenDocument[] = [];
  const calls: RequestCall[] = [];
  for (const path of files) {
    const text = readFileSync(path, "utf8");
    const file = relative(root, path);
    documents.push(...findWrittenDocuments(file, text));
    calls.push(...findRequestCalls(file, text));
  }
  return { documents, calls };
}
