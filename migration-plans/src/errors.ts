// One base error for the package; loading problems are data (PlanProblem), these are for programmer misuse
// and for callers that want to turn a failed load into an exception.
import { formatProblems } from "./format-problems.ts";
import type { PlanProblem } from "./types.ts";

export class PlansError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** For callers that turn a failed load into an exception (e.g. at boot); `problems` holds every one. */
export class PlansInvalidError extends PlansError {
  readonly problems: readonly PlanProblem[];
  constructor(problems: readonly PlanProblem[]) {
    super("plans-invalid", `${problems.length} problem(s) in migration plans:\n${formatProblems(problems)}`);
    this.problems = problems;
  }
}

/** A match entry that did not come through the loader and holds a pattern that does not compile. */
export class InvalidPatternError extends PlansError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid-pattern", message, options);
  }
}

/** The plans directory cannot be watched (missing, not a directory, no permission). */
export class PlansDirectoryError extends PlansError {
  constructor(dir: string, cause: unknown) {
    super("plans-dir", `cannot watch plans directory ${dir}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
