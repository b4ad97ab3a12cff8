// Zod issues -> PlanProblems with plain-language messages, the offending node's position and a fix.
import type { z } from "zod";
import type { Locate } from "./parse.ts";
import { KNOWN_KEYS } from "./schema.ts";
import { suggestClosest } from "./suggest.ts";
import type { PlanProblem, ProblemCode } from "./types.ts";

type Issue = z.core.$ZodIssue;

const FIELD_FIXES: Record<string, string> = {
  id: 'use lower-case letters, digits and single dashes, e.g. "id: product-pages"',
  target: 'name the upstream that serves the matched traffic, e.g. "target: new-frontend"',
  fallback: 'name the upstream for failed requests, e.g. "fallback: legacy"',
  match: 'add at least one entry, e.g. "match: [{ pageType: PRODUCT }]"',
  methods: "list HTTP methods in upper case, e.g. [GET, HEAD]",
  flag: 'use letters, digits, ".", "_", "~" and "-", e.g. "strangler.product-pages"',
  percentage: "use a whole number from 0 to 100",
  steps: "list whole percentages from 1 to 100, strictly increasing, e.g. [1, 5, 25, 50, 100]",
  bakeSeconds: "use a whole number of seconds, e.g. 600",
  evaluateSeconds: "use a whole number of seconds, e.g. 60",
  onBreach: 'use "zero" (everyone back to legacy) or "previous" (the step before)',
  metric: "use one of error-rate, latency-p95, parity, add-to-cart, prometheus",
  maxRatio: "use a number above 1, e.g. 2 (twice legacy's rate)",
  minSamples: "use a whole number of at least 1",
  priority: "use a whole number; higher wins among overlapping plans",
  enabled: "use true or false",
  path: 'write an exact path ("/sale.html"), a glob ("/gear/**") or "regex:^/gear/"',
  operationName: "use a GraphQL name: letters, digits and _, not starting with a digit",
  rootFields: 'list root field names, e.g. "rootFields: [products]"',
  argument: 'name one argument of the root field, e.g. "argument: search"',
  stage: 'use "shadow" (mirror a sample, shoppers keep the fallback), "split" (the flag splits shoppers) or "off"',
  sample: "use a percent from 0 to 100, e.g. \"shadow: { sample: 5 }\"",
  stickiness: 'use "sessionId" (signed-in shoppers keep their side too: sign-in does not change strangler_sid) or "random"; '
    + '"userId" is not offered because a stock Magento exposes no customer id to the proxy',
};
const GENERIC_FIX = "see migration-plans/README.md for the plan format";

export function describeIssues(file: string, issues: readonly Issue[], locate: Locate, planId?: string): PlanProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ file, ...locate([...path, key], "key"), planId, ...describeUnknownKey(path, key) }));
    }
    const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined && path.length > 0;
    const position = missing ? locate(path.slice(0, -1)) : locate(path, issue.code === "invalid_key" ? "key" : "value");
    return [{ file, ...position, planId, ...describeIssue(issue, missing) }];
  });
}

type Described = { code: ProblemCode; message: string; fix: string };

function describeUnknownKey(path: readonly PropertyKey[], key: string): Described {
  const level = path.length === 0 ? "plan" : path[0] === "rollout" ? (path[1] === "guardrails" ? "guardrail" : "rollout") : path[0] === "shadow" ? "shadow" : path.at(-1) === "graphql" ? "graphql" : "match";
  const allowed = KNOWN_KEYS[level];
  const where = path.length === 0 ? "the plan" : formatPath(path);
  const suggestion = suggestClosest(key, allowed);
  const fix = suggestion ? `did you mean "${suggestion}"?` : `remove it; allowed keys here: ${allowed.join(", ")}`;
  return { code: "unknown-key", message: `unknown key "${key}" in ${where}`, fix };
}

function describeIssue(issue: Issue, missing: boolean): Described {
  const path = issue.path;
  const field = String([...path].reverse().find((segment) => typeof segment === "string") ?? "");
  const fix = FIELD_FIXES[field] ?? GENERIC_FIX;
  const input = (issue as { input?: unknown }).input;
  const code: ProblemCode = path[0] === "rollout" && path[1] !== "stickiness" ? "invalid-rollout" : "invalid-shape";
  const name = formatPath(path);
  if (path.length === 0 && issue.code === "invalid_type") {
    const got = input === null || input === undefined ? "nothing (the file is empty)" : describeValue(input);
    return { code, message: `a plan file must hold a mapping of plan fields, got ${got}`, fix: "start from an example in migration-plans/plans/" };
  }
  if (missing) return { code, message: `missing required key "${field}"${path.length > 1 ? ` in ${formatPath(path.slice(0, -1))}` : ""}`, fix };
  if (code === "invalid-rollout" && path[1] === "percentage") {
    return { code, message: `rollout.percentage must be a whole number from 0 to 100, got ${describeValue(input)}`, fix };
  }
  switch (issue.code) {
    case "invalid_type": {
      // YAML reads `beta: 1` or `x-debug: true` as a number or boolean; the author meant text.
      const quoted = issue.expected === "string" && (typeof input === "number" || typeof input === "boolean");
      return { code, message: `${name} must be ${describeExpected(issue.expected)}, got ${describeValue(input)}`, fix: quoted ? `quote it so YAML reads it as text: "${String(input)}"` : fix };
    }
    case "invalid_key":
      return { code, message: `${formatPath(path.slice(0, -1))} has an empty name`, fix: "give every name at least one character" };
    case "invalid_value": {
      const values = issue.values.map(String);
      const suggestion = typeof input === "string" ? suggestClosest(input, values) : undefined;
      const message = `${name} must be one of ${values.join(", ")}, got ${describeValue(input)}`;
      return { code, message, fix: suggestion ? `did you mean "${suggestion}"?` : FIELD_FIXES[field] ?? `use one of ${values.join(", ")}` };
    }
    case "too_small":
      if (issue.origin === "number") return { code, message: `${name} must be ${issue.inclusive ? "at least" : "above"} ${String(issue.minimum)}, got ${describeValue(input)}`, fix };
      return { code, message: `${name} must not be empty`, fix };
    case "too_big":
      if (issue.origin === "number") return { code, message: `${name} must be at most ${String(issue.maximum)}, got ${describeValue(input)}`, fix };
      return { code, message: `${name}: ${issue.message}`, fix };
    case "invalid_format":
      return { code, message: `${name} ${describeValue(input)} has an invalid format`, fix };
    default:
      return { code, message: `${name}: ${issue.message}`, fix };
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment)), "");
}

function describeExpected(expected: string): string {
  const phrases: Record<string, string> = { string: "a string", number: "a number", int: "a whole number", boolean: "true or false", array: "a list", object: "a mapping", record: "a mapping" };
  return phrases[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}
