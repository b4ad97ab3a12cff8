// Path patterns: exact, glob (`*` within one segment, `**` as the last segment = any rest) or `regex:`.
// Parsed and compiled once; `canPathsOverlap` lets the validator find plans that can match the same path.
import type { PathPredicate } from "./types.ts";

export type ParsedPath = { ok: true; predicate: PathPredicate } | { ok: false; message: string; fix: string };

const REGEX_PREFIX = "regex:";
const GLOB_FIX = 'write an exact path ("/sale.html"), a glob ("/gear/*.html", "/gear/**") or "regex:^/gear/"';

export function parsePathPattern(raw: string): ParsedPath {
  if (raw.startsWith(REGEX_PREFIX)) return parseRegex(raw);
  const fail = (message: string, fix = GLOB_FIX): ParsedPath => ({ ok: false, message: `path pattern "${raw}" ${message}`, fix });
  if (!raw.startsWith("/")) return fail('must start with "/"', `write it as "/${raw}"`);
  if (/\s/.test(raw)) return fail("contains whitespace", "remove the whitespace; paths are matched after decoding");
  if (raw.includes("?")) return fail('contains "?"', 'match query parameters with "query:", or use "regex:" for a one-character wildcard');
  if (raw.includes("#")) return fail('contains "#"', "remove the fragment; browsers never send it");
  const unsupported = raw.match(/[[\]{}]/)?.[0];
  if (unsupported) return fail(`uses unsupported glob syntax "${unsupported}"`, 'use "regex:" for alternatives and character classes');
  const segments = raw.split("/");
  const misplaced = segments.some((segment, index) => segment.includes("**") && (segment !== "**" || index !== segments.length - 1));
  if (misplaced) return fail('has "**" that is not the whole last segment', 'use "**" only as the last segment, e.g. "/gear/**"');
  if (!raw.includes("*")) return { ok: true, predicate: { kind: "exact", raw, value: raw } };
  return { ok: true, predicate: { kind: "glob", raw, pattern: raw } };
}

function parseRegex(raw: string): ParsedPath {
  const source = raw.slice(REGEX_PREFIX.length).trim();
  if (source === "") return { ok: false, message: `path pattern "${raw}" has an empty regex`, fix: 'write a regex after "regex:", e.g. "regex:^/gear/"' };
  try {
    new RegExp(source);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "");
    return { ok: false, message: `path pattern "${raw}" is not a valid regex: ${reason}`, fix: "fix the regex (JavaScript syntax); escape literal characters such as . ( ) [ with a backslash" };
  }
  return { ok: true, predicate: { kind: "regex", raw, source } };
}

/** Builds the per-request test once: a string compare, a prefix check or a pre-built RegExp. */
export function compilePathTest(predicate: PathPredicate): (path: string) => boolean {
  if (predicate.kind === "exact") {
    const value = predicate.value;
    return (path) => path === value;
  }
  if (predicate.kind === "regex") {
    const regex = new RegExp(predicate.source);
    return (path) => regex.test(path);
  }
  const prefix = predicate.pattern.endsWith("/**") ? predicate.pattern.slice(0, -3) : undefined;
  if (prefix !== undefined && !prefix.includes("*")) {
    const withSlash = `${prefix}/`;
    return (path) => path === prefix || path.startsWith(withSlash);
  }
  const regex = globToRegExp(predicate.pattern);
  return (path) => regex.test(path);
}

export function globToRegExp(pattern: string): RegExp {
  const rest = pattern.endsWith("/**");
  const body = rest ? pattern.slice(0, -3) : pattern;
  const source = body
    .split("*")
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^${source}${rest ? "(?:/.*)?" : ""}$`);
}

/** True when some path can match both. Exact for exact/glob pairs; for regexes only certain overlaps are found. */
export function canPathsOverlap(a: PathPredicate, b: PathPredicate): boolean {
  if (a.kind === "regex" || b.kind === "regex") {
    const [regex, other] = a.kind === "regex" ? [a, b] : [b as PathPredicate & { kind: "regex" }, a];
    if (other.kind === "regex") return other.source === regex.source;
    const test = compilePathTest(regex);
    return listWitnesses(other).some(test);
  }
  return canGlobsOverlap(globText(a), globText(b));
}

function globText(predicate: PathPredicate): string {
  return predicate.kind === "exact" ? predicate.value : predicate.kind === "glob" ? predicate.pattern : predicate.source;
}

function listWitnesses(predicate: PathPredicate): string[] {
  if (predicate.kind === "exact") return [predicate.value];
  const pattern = globText(predicate);
  const body = pattern.endsWith("/**") ? pattern.slice(0, -3) : pattern;
  const tails = pattern.endsWith("/**") ? ["", "/x"] : [""];
  return ["", "x"].flatMap((fill) => tails.map((tail) => body.replaceAll("*", fill) + tail));
}

function canGlobsOverlap(a: string, b: string): boolean {
  const left = a.split("/");
  const right = b.split("/");
  const leftRest = left.at(-1) === "**";
  const rightRest = right.at(-1) === "**";
  if (leftRest) left.pop();
  if (rightRest) right.pop();
  if (!leftRest && !rightRest && left.length !== right.length) return false;
  if (leftRest && !rightRest && right.length < left.length) return false;
  if (rightRest && !leftRest && left.length < right.length) return false;
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    if (!canSegmentsOverlap(left[i] ?? "", right[i] ?? "")) return false;
  }
  return true;
}

/** Whether two segment patterns whose only wildcard is `*` share a matching string. */
export function canSegmentsOverlap(p: string, q: string): boolean {
  const seen = new Set<number>();
  const visit = (i: number, j: number): boolean => {
    if (i === p.length && j === q.length) return true;
    const key = i * (q.length + 1) + j;
    if (seen.has(key)) return false;
    seen.add(key);
    const pc = p[i];
    const qc = q[j];
    if (pc === "*" && (visit(i + 1, j) || (qc !== undefined && visit(i, j + 1)))) return true;
    if (qc === "*" && (visit(i, j + 1) || (pc !== undefined && visit(i + 1, j)))) return true;
    return pc !== undefined && pc !== "*" && pc === qc && visit(i + 1, j + 1);
  };
  return visit(0, 0);
}
