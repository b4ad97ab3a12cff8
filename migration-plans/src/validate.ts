// Meaning across all plan files: unique ids, known upstreams, distinct flags, and no two plans of equal
// priority that can match the same request. Every problem is collected; nothing stops at the first.
import { canEntriesOverlap, summarizeEntry } from "./overlap.ts";
import type { Locate } from "./parse.ts";
import { suggestClosest } from "./suggest.ts";
import type { Plan, PlanProblem } from "./types.ts";

export interface LocatedPlan {
  plan: Plan;
  locate: Locate;
  /** Whether `flag` was written in the file (else it was defaulted from the id). */
  hasFlag: boolean;
}

export function validatePlans(plans: readonly LocatedPlan[], knownTargets: readonly string[]): PlanProblem[] {
  return [
    ...plans.flatMap((located) => checkTargets(located, knownTargets)),
    ...checkUnique(plans, (plan) => plan.id, "duplicate-id"),
    ...checkUnique(plans, (plan) => plan.flag, "flag-collision"),
    ...checkOverlaps(plans.filter((located) => located.plan.enabled)),
  ];
}

function where(plan: Plan): string {
  return `${plan.source.file}:${plan.source.line}`;
}

function checkTargets({ plan, locate }: LocatedPlan, knownTargets: readonly string[]): PlanProblem[] {
  return checkTargetNames({ target: plan.target, fallback: plan.fallback }, plan.source.file, locate, knownTargets, plan.id);
}

/** Also run on files whose shape is broken, so a wrong upstream name is reported in the same pass. */
export function checkTargetNames(
  names: { target?: unknown; fallback?: unknown },
  file: string,
  locate: Locate,
  knownTargets: readonly string[],
  planId?: string,
): PlanProblem[] {
  return (["target", "fallback"] as const).flatMap((field) => {
    const name = names[field];
    if (typeof name !== "string" || name === "" || knownTargets.includes(name)) return [];
    const suggestion = suggestClosest(name, knownTargets);
    const known = `known upstreams: ${knownTargets.join(", ")}`;
    return [{
      file,
      ...locate([field]),
      planId,
      code: "unknown-target" as const,
      message: `${field} "${name}" is not a known upstream`,
      fix: suggestion ? `did you mean "${suggestion}"? ${known}` : `use one of the ${known}, or configure "${name}": ${upstreamVariable(name)}=<url> in the proxy's env (offline: plans validate --target ${name})`,
    }];
  });
}

/** The proxy's env variable that names an upstream: search-service → UPSTREAM_SEARCH_SERVICE_URL. */
function upstreamVariable(name: string): string {
  return `UPSTREAM_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`;
}

function checkUnique(plans: readonly LocatedPlan[], keyOf: (plan: Plan) => string, code: "duplicate-id" | "flag-collision"): PlanProblem[] {
  const first = new Map<string, Plan>();
  const problems: PlanProblem[] = [];
  for (const { plan, locate, hasFlag } of plans) {
    const key = keyOf(plan);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, plan);
      continue;
    }
    if (code === "duplicate-id") {
      problems.push({
        file: plan.source.file, ...locate(["id"]), planId: plan.id, code,
        message: `id "${key}" is used by both ${where(earlier)} and ${where(plan)}`,
        fix: "give each plan a unique id; the id names its flag, metrics and log lines",
      });
    } else if (earlier.id !== plan.id) {
      problems.push({
        file: plan.source.file, ...locate(hasFlag ? ["flag"] : ["id"]), planId: plan.id, code,
        message: `flag "${key}" is used by both plan "${earlier.id}" (${where(earlier)}) and plan "${plan.id}" (${where(plan)})`,
        fix: `give each plan its own flag, e.g. "flag: strangler.${plan.id}"`,
      });
    }
  }
  return problems;
}

function checkOverlaps(plans: readonly LocatedPlan[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const [index, { plan, locate }] of plans.entries()) {
    for (const { plan: earlier } of plans.slice(0, index)) {
      if (earlier.priority !== plan.priority || earlier.id === plan.id) continue;
      const pair = findOverlap(earlier, plan);
      if (!pair) continue;
      const [i, j] = pair;
      problems.push({
        file: plan.source.file, ...locate(["match", j]), planId: plan.id, code: "overlapping-match",
        message: `plans "${earlier.id}" (${where(earlier)}, match[${i}]: ${summarizeEntry(earlier.match[i]!)}) and "${plan.id}" (match[${j}]: ${summarizeEntry(plan.match[j]!)}) can match the same request at equal priority ${plan.priority}`,
        fix: "give one a higher priority or narrow its match",
      });
    }
  }
  return problems;
}

function findOverlap(a: Plan, b: Plan): [number, number] | undefined {
  for (const [i, left] of a.match.entries()) {
    for (const [j, right] of b.match.entries()) {
      if (canEntriesOverlap(left, right)) return [i, j];
    }
  }
  return undefined;
}
