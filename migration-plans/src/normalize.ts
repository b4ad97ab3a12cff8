// A shape-checked plan -> the normalized Plan the proxy uses: defaults applied, names lower-cased where
// HTTP treats them case-insensitively, path patterns parsed. Problems found here (patterns that don't
// compile, entries without predicates) come back with positions; the plan is still returned for the
// cross-file checks so one file's bad pattern does not hide another file's duplicate id.
import type { Locate } from "./parse.ts";
import { parsePathPattern } from "./path-pattern.ts";
import { normalizeRamp } from "./normalize-ramp.ts";
import type { RawMatchEntry, RawPlan } from "./schema.ts";
import type { GraphqlMatch, MatchEntry, Plan, PlanProblem } from "./types.ts";

export const DEFAULT_METHODS: readonly string[] = Object.freeze(["GET", "HEAD"]);
/** A graphql entry's defaults: Magento's GraphQL endpoint, both ways a query arrives. */
export const GRAPHQL_PATH = "/graphql";
export const GRAPHQL_METHODS: readonly string[] = Object.freeze(["GET", "POST"]);

/** Percent of matching requests mirrored in stage shadow when the plan names none. */
export const DEFAULT_SHADOW_SAMPLE = 10;

export function normalizePlan(raw: RawPlan, file: string, locate: Locate): { plan: Plan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const report = (path: PropertyKey[], problem: Pick<PlanProblem, "code" | "message" | "fix">) =>
    problems.push({ file, ...locate(path), planId: raw.id, ...problem });
  const match = raw.match.map((entry, index) => normalizeEntry(entry, (field, problem) => report(["match", index, ...field], problem)));
  if (raw.shadow !== undefined && raw.stage !== "shadow") {
    report(["shadow"], { code: "invalid-shape", message: `shadow settings apply only in stage shadow, and this plan's stage is ${raw.stage ?? "split (the default)"}`, fix: 'add "stage: shadow", or remove the shadow settings' });
  }
  const plan: Plan = {
    id: raw.id,
    ...(raw.description !== undefined && { description: raw.description }),
    ...(raw.owner !== undefined && { owner: raw.owner }),
    labels: raw.labels ?? [],
    enabled: raw.enabled ?? true,
    target: raw.target,
    match,
    flag: raw.flag ?? `strangler.${raw.id}`,
    rollout: {
      percentage: raw.rollout?.percentage ?? 0,
      stickiness: raw.rollout?.stickiness ?? "sessionId",
      ...(raw.rollout && normalizeRamp(raw.rollout, (field, problem) => report(["rollout", ...field], problem))),
    },
    fallback: raw.fallback ?? "legacy",
    priority: raw.priority ?? 0,
    stage: raw.stage ?? "split",
    shadowSample: raw.shadow?.sample ?? DEFAULT_SHADOW_SAMPLE,
    source: { file, line: locate([]).line },
  };
  return { plan, problems };
}

type Report = (field: PropertyKey[], problem: Pick<PlanProblem, "code" | "message" | "fix">) => void;

function normalizeEntry(raw: RawMatchEntry, report: Report): MatchEntry {
  const defaultMethods = raw.graphql === undefined ? DEFAULT_METHODS : GRAPHQL_METHODS;
  const entry: MatchEntry = { methods: raw.methods ? [...new Set(raw.methods)] : defaultMethods };
  const path = raw.path ?? (raw.graphql === undefined ? undefined : GRAPHQL_PATH);
  if (path !== undefined) {
    const parsed = parsePathPattern(path);
    if (parsed.ok) entry.path = parsed.predicate;
    else report(["path"], { code: "invalid-pattern", message: parsed.message, fix: parsed.fix });
  }
  if (raw.host !== undefined) {
    const host = raw.host.toLowerCase();
    if (host.slice(host.startsWith("*.") ? 2 : 0).includes("*") || /[\s/]/.test(host)) {
      report(["host"], { code: "invalid-pattern", message: `host pattern "${raw.host}" is not a host name`, fix: 'write a host name ("shop.example.com"), optionally with a leading "*." for sub-domains' });
    } else entry.host = host;
  }
  if (raw.pageType !== undefined) entry.pageType = raw.pageType;
  if (raw.store !== undefined) entry.store = raw.store;
  if (raw.query !== undefined) entry.query = raw.query;
  if (raw.cookie !== undefined) entry.cookie = raw.cookie;
  if (raw.header !== undefined) {
    entry.header = Object.fromEntries(Object.entries(raw.header).map(([name, value]) => [name.toLowerCase(), value]));
  }
  if (raw.graphql !== undefined) entry.graphql = normalizeGraphql(raw, report);
  const predicates = ["path", "pageType", "query", "header", "cookie", "host", "store", "graphql"] as const;
  if (!predicates.some((key) => raw[key] !== undefined)) {
    report([], {
      code: "empty-match",
      message: "match entry has no predicate, so it would match every request",
      fix: `add at least one of ${predicates.join(", ")}`,
    });
  }
  return entry;
}

const INVALID = "invalid-shape" as const;

function normalizeGraphql(raw: RawMatchEntry, report: Report): GraphqlMatch {
  const graphql = raw.graphql!;
  if (graphql.operationName === undefined && graphql.rootFields === undefined) {
    report(["graphql"], { code: INVALID, message: "match graphql names neither an operation nor root fields", fix: 'add operationName or rootFields, e.g. "graphql: { rootFields: [products], argument: search }"' });
  }
  if (graphql.argument !== undefined && graphql.rootFields === undefined) {
    report(["graphql", "argument"], { code: INVALID, message: "match graphql argument needs rootFields to carry it", fix: 'list the root fields, e.g. "rootFields: [products]"' });
  }
  if (raw.pageType !== undefined) {
    report(["pageType"], { code: INVALID, message: "match entry has both graphql and pageType", fix: "a GraphQL request has no page type: split them into two entries" });
  }
  const others = (raw.methods ?? []).filter((method) => !GRAPHQL_METHODS.includes(method));
  if (others.length > 0) {
    report(["methods"], { code: INVALID, message: `match graphql reads GET and POST requests only, got ${others.join(", ")}`, fix: "use methods [GET, POST] or leave methods out" });
  }
  return {
    ...(graphql.operationName !== undefined && { operationName: graphql.operationName }),
    ...(graphql.rootFields !== undefined && { rootFields: [...new Set(graphql.rootFields)] }),
    ...(graphql.argument !== undefined && { argument: graphql.argument }),
  };
}
