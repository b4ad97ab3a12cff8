// The normalized, defaulted shapes that leave this package. The proxy builds its route table from them.

export type PageType = "PRODUCT" | "CATEGORY" | "CMS_PAGE";
export type Stickiness = "sessionId" | "random";
/** shadow: the fallback answers everyone and a sample is mirrored to the target; split: the flag splits; off: all to the fallback. */
export type Stage = "shadow" | "split" | "off";

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
  /** A GraphQL query by operation; the entry then defaults to path /graphql and methods [GET, POST]. */
  graphql?: GraphqlMatch;
}

/** What a GraphQL match entry asks of the request's operation; at least operationName or rootFields. */
export interface GraphqlMatch {
  operationName?: string;
  /** Exactly these root fields, all of them and no others (__typename aside); distinct names. */
  rootFields?: readonly string[];
  /** An argument every root field carries (a variable counts when the request's variables give it a value). */
  argument?: string;
}

/** The request's GraphQL operation as the proxy read it (graphql-js parse): what a GraphqlMatch compares. */
export interface GraphqlOperation {
  type: "query" | "mutation" | "subscription";
  /** The operation's own name, if it has one. */
  name: string | undefined;
  /** Root fields in document order, fragments at the root expanded, __typename left out. */
  rootFields: readonly GraphqlRootField[];
}

export interface GraphqlRootField {
  name: string;
  /** Arguments present with a value (a variable without a value in the request does not count). */
  arguments: readonly string[];
}

export interface Rollout {
  /** Integer 0..100; share of sessions sent to `target` while no flag service answers. */
  percentage: number;
  stickiness: Stickiness;
  /** Present when the plan has `rollout.steps`: the rollout controller ramps it. */
  ramp?: Ramp;
}

export type GuardrailMetric = "error-rate" | "latency-p95" | "parity" | "add-to-cart" | "prometheus";

/** One condition a step must keep; exactly the bound fields its metric takes are set (normalize.ts checks). */
export interface Guardrail {
  metric: GuardrailMetric;
  /** Compared with legacy: the new side's error or add-to-cart failure rate, or its p95, may not reach this multiple. */
  maxRatio?: number;
  /** Absolute upper bound (a rate 0..1, or the Prometheus value). */
  max?: number;
  /** Absolute lower bound (parity score, add-to-cart success rate, or the Prometheus value). */
  min?: number;
  /** Least sample before the guardrail may pass (requests, attempts or comparisons per side). */
  minSamples: number;
  /** PromQL instant query, metric prometheus only. */
  query?: string;
}

export interface Ramp {
  /** Strictly increasing whole percentages 1..100. */
  steps: readonly number[];
  /** Seconds each step runs before promotion. Default 600. */
  bakeSeconds: number;
  /** Seconds between judgements. Default 60. */
  evaluateSeconds: number;
  /** zero: everyone back to legacy on a breach (default); previous: back one step. */
  onBreach: "zero" | "previous";
  guardrails: readonly Guardrail[];
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
  /** Default "split" (routing as before stages existed). */
  stage: Stage;
  /** Stage shadow's sample: percent 0..100 of matching mirrorable requests; default 10. */
  shadowSample: number;
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
  /** The request's GraphQL operation; read by the proxy only when a graphql entry's other predicates hold. */
  graphql?: GraphqlOperation | undefined;
}

export interface CompiledMatcher {
  /** True when every predicate of the entry holds, pageType included. */
  matches(input: MatchInput): boolean;
  /** True when every predicate except pageType holds: resolve the page type only then. */
  matchesIgnoringPageType(input: MatchInput): boolean;
  /** Set when the entry has a pageType: the proxy must resolve it (GraphQL `route`) before `matches`. */
  needsPageType?: PageType;
  /** Set when the entry has a graphql predicate: the proxy must read the operation before `matches`. */
  needsGraphql?: true;
  /** True when every predicate except graphql holds (method and path first): read the operation only then. */
  matchesIgnoringGraphql(input: MatchInput): boolean;
}
