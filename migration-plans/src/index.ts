// @strangler/migration-plans: a migration plan is data, one YAML file per plan, reviewed in git.
// loadPlans reads a directory, checks each file's shape (schema.ts) and then the meaning across all files
// (validate.ts), and returns either normalized plans or EVERY problem with file, line, column and a fix.
// The proxy compiles each `match` entry once with compileMatcher and keeps serving its last good plans
// while watchPlans reports edits; a broken edit comes back as problems, never as an exception.
export type {
  CompiledMatcher,
  GraphqlMatch,
  GraphqlOperation,
  GraphqlRootField,
  Guardrail,
  GuardrailMetric,
  LoadOptions,
  LoadResult,
  MatchEntry,
  MatchInput,
  PageType,
  PathPredicate,
  Plan,
  PlanProblem,
  ProblemCode,
  Ramp,
  Rollout,
  Stage,
  Stickiness,
} from "./types.ts";
export { planJsonSchema, planSchema, PAGE_TYPES, HTTP_METHODS, STAGES } from "./schema.ts";
export { loadPlans, checkPlanTexts } from "./load.ts";
export { formatProblems } from "./format-problems.ts";
export { watchPlans } from "./watch.ts";
export type { PlansWatcher, WatchOptions } from "./watch.ts";
export { compileMatcher, compileGraphqlTest } from "./compile-matcher.ts";
export { GRAPHQL_PATH, GRAPHQL_METHODS } from "./normalize.ts";
export { PlansError, PlansInvalidError, InvalidPatternError, PlansDirectoryError } from "./errors.ts";
