// The package's public surface speaks the domain, not Magento: no raw `Magento*` type is exported (only
// error classes that name Magento as the failing party), and no domain type carries Magento's snake_case
// field names. Read from the source with the compiler's parser, so a new export or field is checked too.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as adapters from "../src/index.ts";

const srcDir = join(import.meta.dirname, "../src");

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
}

/** Names a file exports, including `export type { … }` and `export { … }` lists. */
function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  source.forEachChild((node) => {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) names.push(...node.exportClause.elements.map((e) => e.name.text));
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) names.push(node.name.text);
  });
  return names;
}

/** `Type.field` for every property of every interface or object type literal in a file. */
function propertyNames(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node, owner: string): void => {
    const name = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ? node.name.text : owner;
    if (ts.isPropertySignature(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) found.push(`${owner}.${node.name.text}`);
    ts.forEachChild(node, (child) => visit(child, name));
  };
  visit(source, "");
  return found;
}

const domainFiles = readdirSync(join(srcDir, "domain")).filter((file) => file.endsWith(".ts")).map((file) => parse(join(srcDir, "domain", file)));
const surface = [parse(join(srcDir, "index.ts")), ...domainFiles].flatMap(exportedNames);

describe("public surface", () => {
  it("exports no raw Magento type: every Magento* name is an error class", () => {
    const magentoNames = surface.filter((name) => name.startsWith("Magento"));
    expect(magentoNames.length).toBeGreaterThan(0);
    for (const name of magentoNames) expect((adapters as Record<string, unknown>)[name], name).toBeTypeOf("function");
    expect(magentoNames.filter((name) => !name.endsWith("Error"))).toEqual([]);
  });

  it("has only camelCase fields in domain types (no url_key, price_range …)", () => {
    const fields = domainFiles.flatMap(propertyNames);
    expect(fields.length).toBeGreaterThan(100);
    expect(fields.filter((field) => field.split(".")[1]!.includes("_"))).toEqual([]);
  });

  it("rejects a snake_case field and a raw export (the checks can fail)", () => {
    const bad = ts.createSourceFile("x.ts", "export interface MagentoProduct { url_key: string }", ts.ScriptTarget.Latest, true);
    expect(exportedNames(bad)).toEqual(["MagentoProduct"]);
    expect(propertyNames(bad)).toEqual(["MagentoProduct.url_key"]);
  });
});
