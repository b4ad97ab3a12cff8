// Property-based fuzz of the plan loader (YAML parse, shape, cross-file meaning) and the matcher
// compiler: any text and any plan-shaped object either loads into plans that compile and match, or
// comes back as problems with file, line and a fix; only the documented InvalidPatternError is thrown,
// by compileMatcher, for a hand-built entry.
// This fuzz found that an alias to an undefined anchor (`id: *x`) or an alias bomb made the yaml library
// throw from doc.toJS(), so the loader threw instead of answering a problem; the table at the end pins it.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { checkPlanTexts, compileMatcher, InvalidPatternError, HTTP_METHODS, PAGE_TYPES } from "../src/index.ts";
import type { LoadResult, MatchInput, ProblemCode } from "../src/index.ts";
import { KNOWN_TARGETS } from "./helpers.ts";

const PROBLEM_CODES: ProblemCode[] = [
  "read-error", "yaml-syntax", "invalid-shape", "unknown-key", "invalid-rollout", "empty-match",
  "duplicate-id", "unknown-target", "invalid-pattern", "overlapping-match", "flag-collision",
];

/** checkPlanTexts' result; any exception fails the property. */
function check(files: { file: string; text: string }[]): LoadResult {
  return checkPlanTexts(files, { knownTargets: KNOWN_TARGETS });
}

const matchInput = fc.record({
  method: fc.constantFrom(...HTTP_METHODS, "get", "PROPFIND"),
  path: fc.constantFrom("/", "/a", "/sale.html", "/gear/bags/x.html", "/_next/static/x.js", "/catalogsearch/result/"),
  host: fc.constantFrom("shop.test", "SHOP.test:8080", "m.shop.test", "[::1]:8080", ""),
  headers: fc.dictionary(fc.constantFrom("accept", "x-debug", "cookie"), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  cookies: fc.dictionary(fc.constantFrom("store", "strangler_sid"), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  query: fc.constantFrom("", "q=bag", "q=", "a=1&a=2").map((search) => new URLSearchParams(search)),
  storeCode: fc.constantFrom("default", "fr", ""),
  pageType: fc.option(fc.constantFrom(...PAGE_TYPES), { nil: undefined }),
}) as fc.Arbitrary<MatchInput>;

/** What loading promises: problems that say where and how to fix, or plans that compile and match. */
function expectWellFormed(result: LoadResult, files: string[], inputs: MatchInput[]): void {
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) {
      expect(files).toContain(problem.file);
      expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
      if (problem.column !== undefined) expect(Number.isInteger(problem.column) && problem.column >= 1).toBe(true);
      expect(PROBLEM_CODES).toContain(problem.code);
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.fix.length).toBeGreaterThan(0);
    }
    return;
  }
  const plans = [...result.plans, ...result.disabled];
  expect(new Set(plans.map((plan) => plan.id)).size).toBe(plans.length);
  for (const plan of plans) {
    expect(plan.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(KNOWN_TARGETS).toContain(plan.target);
    expect(Number.isInteger(plan.rollout.percentage) && plan.rollout.percentage >= 0 && plan.rollout.percentage <= 100).toBe(true);
    expect(plan.match.length).toBeGreaterThan(0);
    for (const entry of plan.match) {
      const matcher = compileMatcher(entry);
      for (const input of inputs) expect(typeof matcher.matches(input)).toBe("boolean");
    }
  }
}

// Pieces of YAML that stress the parser and the position lookup: structure, flow collections, quotes,
// anchors and aliases, tags, documents, tabs, and the keys and values plans use.
const yamlPiece = fc.constantFrom(
  "id: ", "target: ", "match:\n", "  - ", "    ", "path: ", "pageType: ", "rollout: ", "percentage: ", "flag: ", "methods: ",
  "product-pages", "new-frontend", "legacy", "/a", "/gear/**", "regex:^/(a|b)", "regex:(", "PRODUCT", "GET", "50", "101", "-1", "2.5",
  "\n", ": ", "- ", "[", "]", "{", "}", ", ", "\"", "'", "#", "\t", "&a ", "*a", "*b", "!!str ", "!!int ", "!!binary ", "---\n", "...\n",
  "<<: ", "null", "~", "true", "0x10", "1e3", "é", "\u0000", "\r\n", "|\n", ">-\n",
);
const yamlSoup = fc.array(yamlPiece, { maxLength: 40 }).map((pieces) => pieces.join(""));

describe("checkPlanTexts under fuzz: any text", () => {
  it("returns plans or located problems for arbitrary text, never throws", () => {
    // The yaml library warns (process warning) about mapping keys that are collections; noise here.
    const warnings = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    onTestFinished(() => warnings.mockRestore());
    fc.assert(fc.property(fc.oneof(yamlSoup, fc.string({ maxLength: 80 })), fc.array(matchInput, { maxLength: 3 }), (text, inputs) => {
      const result = check([{ file: "fuzz.yaml", text }]);
      expectWellFormed(result, ["fuzz.yaml"], inputs);
    }), { numRuns: 1000 });
  });
});

// Plan-shaped objects with valid and invalid values side by side, and a typo'd key now and then.
const pathValue = fc.oneof(
  fc.constantFrom("/sale.html", "/gear/*.html", "/gear/**", "/_next/**", "/a/**/b", "gear", "/a b", "/a?b", "/[ab]", "regex:^/gear/", "regex:(", "regex:", "regex:   "),
  fc.string({ maxLength: 12 }).map((rest) => `/${rest}`),
  fc.string({ maxLength: 12 }).map((source) => `regex:${source}`),
);
const stringMap = fc.dictionary(fc.constantFrom("q", "store", "x-debug", ""), fc.constantFrom("*", "1", ""), { maxKeys: 2 });
const matchEntry = fc.record({
  path: pathValue,
  pageType: fc.constantFrom(...PAGE_TYPES, "NOPE", 3),
  methods: fc.oneof(fc.array(fc.constantFrom(...HTTP_METHODS, "get", "FOO"), { maxLength: 3 }), fc.constant("GET")),
  query: stringMap,
  header: stringMap,
  cookie: stringMap,
  host: fc.constantFrom("shop.test", "*.shop.test", "SHOP.test:8080", ""),
  store: fc.constantFrom("default", "fr", ""),
  pagetype: fc.constant("PRODUCT"),
}, { requiredKeys: [] });
const planObject = fc.record({
  id: fc.oneof(fc.constantFrom("product-pages", "a", "a-b-1", "Bad_Id", "-a", ""), fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,4})?$/), fc.integer()),
  target: fc.constantFrom(...KNOWN_TARGETS, "nowhere", "", 7),
  match: fc.oneof({ weight: 5, arbitrary: fc.array(matchEntry, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(null, "PRODUCT", {}) }),
  rollout: fc.record({ percentage: fc.oneof(fc.integer({ min: -5, max: 105 }), fc.constantFrom(2.5, "50", null)), stickiness: fc.constantFrom("sessionId", "userId", "random", "nope") }, { requiredKeys: [] }),
  flag: fc.constantFrom("strangler.a", "strangler.product-pages", "bad flag", ""),
  fallback: fc.constantFrom("legacy", "new-frontend", "nowhere", ""),
  priority: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(1.5, "high")),
  enabled: fc.oneof(fc.boolean(), fc.constant("yes")),
  labels: fc.array(fc.constantFrom("demo", ""), { maxLength: 2 }),
  priorty: fc.constant(1),
}, { requiredKeys: [] });

// Plans that follow the schema, so that many load and their matchers get compiled and run.
const validEntry = fc.record({
  path: fc.constantFrom("/sale.html", "/gear/*.html", "/gear/**", "/_next/**", "/a/*/b", "regex:^/gear/", "regex:\\.html$", "regex:^/(women|men)/"),
  pageType: fc.constantFrom(...PAGE_TYPES),
  methods: fc.uniqueArray(fc.constantFrom(...HTTP_METHODS), { minLength: 1, maxLength: 3 }),
  query: fc.dictionary(fc.constantFrom("q", "p"), fc.constantFrom("*", "1"), { maxKeys: 1 }),
  host: fc.constantFrom("shop.test", "*.shop.test"),
  store: fc.constantFrom("default", "fr"),
}, { requiredKeys: [] }).filter((entry) => Object.keys(entry).length > 0);
const validPlan = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,4})?$/),
  target: fc.constantFrom(...KNOWN_TARGETS),
  match: fc.array(validEntry, { minLength: 1, maxLength: 2 }),
  rollout: fc.record({ percentage: fc.integer({ min: 0, max: 100 }), stickiness: fc.constantFrom("sessionId", "random") }, { requiredKeys: [] }),
  priority: fc.integer({ min: -20, max: 20 }),
  enabled: fc.boolean(),
}, { requiredKeys: ["id", "target", "match"] });

describe("checkPlanTexts under fuzz: plan-shaped objects", () => {
  it("loads several random plans into plans that compile and match, or located problems, never throws", () => {
    let loaded = 0;
    const plans = fc.uniqueArray(fc.oneof({ weight: 2, arbitrary: validPlan }, { weight: 1, arbitrary: planObject }), { minLength: 1, maxLength: 3, selector: (plan) => plan.id });
    fc.assert(fc.property(plans, fc.array(matchInput, { maxLength: 4 }), (objects, inputs) => {
      const files = objects.map((object, index) => ({ file: `plan-${index}.yaml`, text: stringify(object) }));
      const result = check(files);
      expectWellFormed(result, files.map((file) => file.file), inputs);
      if (result.ok) loaded += 1;
    }), { numRuns: 250 });
    // Not a fuzz property: makes sure the plans-that-load branch above was exercised.
    expect(loaded).toBeGreaterThan(20);
  });
});

describe("compileMatcher under fuzz", () => {
  it("compiles a hand-built entry or throws InvalidPatternError, and its matcher answers a boolean", () => {
    fc.assert(fc.property(pathValue, fc.array(matchInput, { maxLength: 3 }), (raw, inputs) => {
      // Built the way a caller would without the loader: the kind read off the raw pattern, unchecked.
      const path = raw.startsWith("regex:") ? { kind: "regex", raw, source: raw.slice("regex:".length).trim() } as const
        : raw.includes("*") ? { kind: "glob", raw, pattern: raw } as const : { kind: "exact", raw, value: raw } as const;
      let matcher;
      try {
        matcher = compileMatcher({ methods: ["GET"], path });
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidPatternError);
        return;
      }
      for (const input of inputs) expect(typeof matcher.matches(input)).toBe("boolean");
    }), { numRuns: 1000 });
  });
});

describe("KNOWN BUG: YAML aliases make the loader throw", () => {
  it.each([
    ["an alias to an anchor that is not defined", "id: *x\ntarget: legacy\nmatch: [{ path: /a }]\n"],
    ["an alias bomb", `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [${"*a,".repeat(9)}]\nc: &c [${"*b,".repeat(9)}]\nd: [${"*c,".repeat(9)}]\n`],
  ])("returns a yaml-syntax problem for %s", (_name, text) => {
    const result = checkPlanTexts([{ file: "alias.yaml", text }], { knownTargets: KNOWN_TARGETS });
    expect(result.ok ? [] : result.problems.map((problem) => problem.code)).toContain("yaml-syntax");
  });
});
