// The normalized, defaulted shapes that leave this package. The proxy builds its route table from them.

export type PageType = "PRODUCT" | "CATEGORY" | "CMS_PAGE";
export type Stickiness = "sessionId" | "random";

/** A compiled-once description of a `match[].path` value. `raw` is what the plan file said. */
export type PathPredicate =
  | { kind: "exact"; raw: string; value: string }
  | { kind: "glob"; raw: string; pattern: string }
  | { kind: "regex"; raw: string; source: string };

/** One `match` entry: ALL of its present fields must hold. Absent fields place no constraint. */
export interface MatchEntry {
  path?: PathPredicate;
  pageType?: PageType;
  /** Upper-case HTTP methods; default ["GET", "HEAD"]. */
  methods: readonly string[];
  /** Query parameter name -> value; "*" means "present with any value". */
  query?: Readonly<Record<string, string>>;
  /** Lower-cased header name -> value; "*" means "present". */
  header?: Readonly<Record<string, string>>;
  /** Cookie name -> value; "*" means "present". */
  cookie?: Readonly<Record<string, string>>;
  /** Lower-cased host name, optionally with a leading "*." wildcard; compared without the port. */
  host?: string;
  /** Magento store code, e.g. "default". */
  store?: string;
}

export interface Rollout {
  /** Integer 0..100; share of sessions sent to `target` while no flag service answers. */
  percentage: number;
  stickiness: Stickiness;
}

export interface Plan {
  id: string;
  description?: string;
  owner?: string;
  labels: readonly string[];
  /** false parks the plan: it is validated but never routes (it is returned in `LoadResult.disabled`). */
  enabled: boolean;
  target: string;
  /** Non-empty; the plan matches when ANY entry matches. */
  match: readonly MatchEntry[];
  flag: string;
  rollout: Rollout;
  fallback: string;
  priority: number;
  /** Where the plan came from, for logs and the admin API. */
  source: { file: string; line: number };
}

export interface PlanProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column?: number;
  planId?: string;
  code: ProblemCode;
  message: string;
  fix: string;
}

export type ProblemCode =
  | "read-error"
  | "yaml-syntax"
  | "invalid-shape"
  | "unknown-key"
  | "invalid-rollout"
  | "empty-match"
  | "duplicate-id"
  | "unknown-target"
  | "invalid-pattern"
  | "overlapping-match"
  | "flag-collision";

export type LoadResult =
  | { ok: true; plans: Plan[]; disabled: Plan[] }
  | { ok: false; problems: PlanProblem[] };

export interface LoadOptions {
  /** Required. Upstream names the proxy can route to, e.g. ["legacy", "new-frontend"]. */
  knownTargets: readonly string[];
}

export interface MatchInput {
  method: string;
  /** Already normalized by the proxy (decoded, dot segments and repeated slashes removed). */
  path: string;
  host: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  cookies: Record<string, string>;
  query: URLSearchParams;
  storeCode: string;
  pageType?: PageType;
}

export interface CompiledMatcher {
  /** True when every predicate of the entry holds, pageType included. */
  matches(input: MatchInput): boolean;
  /** True when every predicate except pageType holds: resolve the page type only then. */
  matchesIgnoringPageType(input: MatchInput): boolean;
  /** Set when the entry has a pageType: the proxy must resolve it (GraphQL `route`) before `matches`. */
  needsPageType?: PageType;
}
