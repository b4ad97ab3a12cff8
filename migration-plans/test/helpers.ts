import { checkPlanTexts } from "../src/load.ts";
import type { PlanProblem } from "../src/types.ts";

export const KNOWN_TARGETS = ["legacy", "new-frontend"];

/** Checks in-memory plan files (name -> YAML text); returns the problems, or [] when they load. */
export function checkFiles(files: Record<string, string>): PlanProblem[] {
  const result = checkPlanTexts(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    { knownTargets: KNOWN_TARGETS },
  );
  return result.ok ? [] : result.problems;
}

/** A minimal valid plan with extra lines appended (each line of `extra` is a top-level YAML line). */
export function planText(id: string, extra = "match:\n  - pageType: PRODUCT\n", target = "new-frontend"): string {
  return `id: ${id}\ntarget: ${target}\n${extra}`;
}

export function summarize(problems: readonly PlanProblem[]): string[] {
  return problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message} | ${p.fix}`);
}

/** Polls until `check` returns a value (not undefined) or the time runs out; no fixed sleeps. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
