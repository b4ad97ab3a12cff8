// Checks that still make sense on a file whose shape is broken (upstream names, path and host patterns),
// so one pass reports everything an author must fix instead of revealing problems one save at a time.
import type { Locate } from "./parse.ts";
import { parsePathPattern } from "./path-pattern.ts";
import type { PlanProblem } from "./types.ts";
import { checkTargetNames } from "./validate.ts";

export function checkLoosely(data: unknown, file: string, locate: Locate, knownTargets: readonly string[], planId?: string): PlanProblem[] {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return [];
  const plan = data as { target?: unknown; fallback?: unknown; match?: unknown };
  const problems = checkTargetNames(plan, file, locate, knownTargets, planId);
  if (!Array.isArray(plan.match)) return problems;
  for (const [index, entry] of plan.match.entries()) {
    const path = (entry as { path?: unknown } | null)?.path;
    if (typeof path !== "string" || path === "") continue;
    const parsed = parsePathPattern(path);
    if (!parsed.ok) problems.push({ file, ...locate(["match", index, "path"]), planId, code: "invalid-pattern", message: parsed.message, fix: parsed.fix });
  }
  return problems;
}
