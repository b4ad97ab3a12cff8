// Human-readable problem list, one problem per two lines, in the `file:line:column` form editors link.
import type { PlanProblem } from "./types.ts";

export function formatProblems(problems: readonly PlanProblem[]): string {
  return problems
    .map((problem) => {
      const position = `${problem.file}:${problem.line}${problem.column === undefined ? "" : `:${problem.column}`}`;
      const plan = problem.planId ? ` (plan ${problem.planId})` : "";
      return `${position}  ${problem.code}  ${problem.message}${plan}\n    fix: ${problem.fix}`;
    })
    .join("\n");
}
