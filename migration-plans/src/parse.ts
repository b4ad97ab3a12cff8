// YAML text -> plain data plus a way to find where any value sits in the source, so every problem
// (syntax, shape or meaning) can name file, line and column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { Document, Node, Pair, YAMLError } from "yaml";
import type { PlanProblem } from "./types.ts";

export interface Position {
  line: number;
  column: number;
}

export type Locate = (path: readonly PropertyKey[], part?: "key" | "value") => Position;

export interface ParsedFile {
  file: string;
  data: unknown;
  locate: Locate;
  problems: PlanProblem[];
}

const SYNTAX_FIXES: Record<string, string> = {
  DUPLICATE_KEY: "remove one of the two keys; each key may appear once in a mapping",
  MULTIPLE_DOCS: "keep one plan per file; move the second document (after ---) to its own file",
  BAD_INDENT: "indent nested keys deeper than their parent, with spaces, and close every [ and {",
  TAB_AS_INDENT: "indent with spaces, not tabs",
};
const DEFAULT_SYNTAX_FIX = "fix the YAML at this position; quote values that contain ': ', '#' or start with '*', '&', '!', '{' or '['";

export function parsePlanFile(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // One problem per position: the parser often reports a second, derived error at the same spot.
  const errors = doc.errors.filter((error, index) => doc.errors.findIndex((other) => other.pos[0] === error.pos[0]) === index);
  const problems = errors.map((error): PlanProblem => ({
    file,
    ...toPosition(findErrorOffset(doc, error)),
    code: "yaml-syntax",
    message: error.message.split("\n")[0] ?? error.message,
    fix: SYNTAX_FIXES[error.code] ?? DEFAULT_SYNTAX_FIX,
  }));
  const locate: Locate = (path, part = "value") => toPosition(findOffset(doc.contents, path, part));
  if (problems.length > 0) return { file, data: undefined, locate, problems };
  try {
    return { file, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), locate, problems };
  } catch (error) {
    // The yaml library checks aliases only while building values: an alias to an anchor never defined,
    // or one that expands past maxAliasCount (a "billion laughs" file), throws here.
    const message = error instanceof Error ? error.message : String(error);
    return { file, data: undefined, locate, problems: [{ file, line: 1, column: 1, code: "yaml-syntax", message, fix: ALIAS_FIX }] };
  }
}

/** A plan is a few dozen nodes: a file whose aliases expand past this is refused, not built. */
const MAX_ALIAS_COUNT = 100;
const ALIAS_FIX = "plans need no YAML anchors or aliases: write each value out (an alias must name an anchor defined before it)";

/** An unclosed quote is reported where the file ends; the author needs the scalar where the quote opened. */
function findErrorOffset(doc: Document, error: YAMLError): number {
  const offset = error.pos[0];
  if (error.code !== "MISSING_CHAR") return offset;
  let start = offset;
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if (range && range[0] < offset && offset <= range[2] && node.type !== "PLAIN") start = range[0];
    },
  });
  return start;
}

/** Offset of the node at `path`, or of its nearest existing ancestor when the path does not exist. */
function findOffset(root: unknown, path: readonly PropertyKey[], part: "key" | "value"): number {
  let node: unknown = root;
  let offset = rangeStart(root) ?? 0;
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyOf(item) === String(segment));
      if (!pair) return offset;
      const keyOffset = rangeStart(pair.key) ?? offset;
      if (isLast && part === "key") return keyOffset;
      node = pair.value;
      offset = rangeStart(pair.value) ?? keyOffset;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}
