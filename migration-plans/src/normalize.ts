// A shape-checked plan -> the normalized Plan the proxy uses: defaults applied, names lower-cased where
// HTTP treats them case-insensitively, path patterns parsed. Problems found here (patterns that don't
// compile, entries without predicates) come back with positions; the plan is still returned for the
// cross-file checks so one file's bad pattern does not hide another file's duplicate id.
import type { Locate } from "./parse.ts";
import { parsePathPattern } from "./path-pattern.ts";
import type { RawMatchEntry, RawPlan } from "./schema.ts";
import type { MatchEntry, Plan, PlanProblem } from "./types.ts";

export const DEFAULT_METHODS: readonly string[] = Object.freeze(["GET", "HEAD"]);

export function normalizePlan(raw: RawPlan, file: string, locate: Locate): { plan: Plan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const report = (path: PropertyKey[], problem: Pick<PlanProblem, "code" | "message" | "fix">) =>
    problems.push({ file, ...locate(path), planId: raw.id, ...problem });
  const match = raw.match.map((entry, index) => normalizeEntry(entry, (field, problem) => report(["match", index, ...field], problem)));
  const plan: Plan = {
    id: raw.id,
    ...(raw.description !== undefined && { description: raw.description }),
    ...(raw.owner !== undefined && { owner: raw.owner }),
    labels: raw.labels ?? [],
    enabled: raw.enabled ?? true,
    target: raw.target,
    match,
    flag: raw.flag ?? `strangler.${raw.id}`,
    rollout: { percentage: raw.rollout?.percentage ?? 0, stickiness: raw.rollout?.stickiness ?? "sessionId" },
    fallback: raw.fallback ?? "legacy",
    priority: raw.priority ?? 0,
    source: { file, line: locate([]).line },
  };
  return { plan, problems };
}

type Report = (field: PropertyKey[], problem: Pick<PlanProblem, "code" | "message" | "fix">) => void;

function normalizeEntry(raw: RawMatchEntry, report: Report): MatchEntry {
  const entry: MatchEntry = { methods: raw.methods ? [...new Set(raw.methods)] : DEFAULT_METHODS };
  if (raw.path !== undefined) {
    const parsed = parsePathPattern(raw.path);
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
  const predicates = ["path", "pageType", "query", "header", "cookie", "host", "store"] as const;
  if (!predicates.some((key) => raw[key] !== undefined)) {
    report([], {
      code: "empty-match",
      message: "match entry has no predicate, so it would match every request",
      fix: `add at least one of ${predicates.join(", ")}`,
    });
  }
  return entry;
}
