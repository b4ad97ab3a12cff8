// Plans are data; the route table is what the per-request path reads: one route per `match` entry,
// ordered by priority, with its matcher compiled and every possible decision built once.
import { compileMatcher } from "@strangler/migration-plans";
import type { CompiledMatcher, PageType, Plan } from "@strangler/migration-plans";
import type { Rollout } from "../flags/types.ts";

export type DecisionReason =
  | "no-route" | "admin-path" | "forced" | "flag-on" | "flag-off"
  /** The flag service is unreachable; the answer came from its last saved state. */
  | "flag-on-saved" | "flag-off-saved"
  | "flag-unavailable" | "rollout"
  | "variant" | "circuit-open" | "page-type-unresolved" | "fallback"
  /** Only in logs and metrics: the request was refused before routing, or never decided. */
  | "refused" | "undecided";

/** Why a request went where it went. Frozen and shared: the hot path allocates none. */
export interface Decision {
  readonly target: string;
  readonly planId: string | undefined;
  readonly routeId: string | undefined;
  readonly reason: DecisionReason;
  /** Where a failed GET/HEAD is replayed; set only on decisions that send traffic to a plan's target. */
  readonly onFailure?: Decision | undefined;
}

export interface RouteDecisions {
  flagOn: Decision; flagOff: Decision; flagOnSaved: Decision; flagOffSaved: Decision; flagUnavailable: Decision; rolloutIn: Decision; rolloutOut: Decision;
  circuitOpen: Decision; pageTypeUnresolved: Decision; fallback: Decision;
}

export interface Route {
  readonly id: string;
  readonly planId: string;
  readonly target: string;
  readonly fallback: string;
  readonly flag: string;
  readonly rollout: Rollout;
  readonly matcher: CompiledMatcher;
  readonly needsPageType: PageType | undefined;
  readonly decisions: RouteDecisions;
}

export interface RouteTable {
  readonly routes: readonly Route[];
  readonly plans: readonly Plan[];
  /** True when some route needs Magento's page type: only then can a request wait on the resolver. */
  readonly usesPageType: boolean;
}

export function createDecision(target: string, reason: DecisionReason, planId?: string, routeId?: string, onFailure?: Decision): Decision {
  return Object.freeze({ target, planId, routeId, reason, onFailure });
}

export function compileRouteTable(plans: readonly Plan[]): RouteTable {
  const ordered = plans
    .map((plan, index) => ({ plan, index }))
    .filter(({ plan }) => plan.enabled !== false)
    .sort((a, b) => b.plan.priority - a.plan.priority || a.index - b.index);
  const routes: Route[] = [];
  for (const { plan } of ordered) {
    plan.match.forEach((entry, i) => routes.push(compileRoute(plan, i, compileMatcher(entry))));
  }
  return Object.freeze({ routes, plans, usesPageType: routes.some((route) => route.needsPageType) });
}

function compileRoute(plan: Plan, index: number, matcher: CompiledMatcher): Route {
  const id = `${plan.id}#${index}`;
  const fallback = createDecision(plan.fallback, "fallback", plan.id, id);
  const to = (target: string, reason: DecisionReason) =>
    createDecision(target, reason, plan.id, id, target === plan.fallback ? undefined : fallback);
  return Object.freeze({
    id, planId: plan.id, target: plan.target, fallback: plan.fallback, flag: plan.flag,
    rollout: Object.freeze({ ...plan.rollout }), matcher, needsPageType: matcher.needsPageType,
    decisions: Object.freeze({
      flagOn: to(plan.target, "flag-on"), flagOff: to(plan.fallback, "flag-off"),
      flagOnSaved: to(plan.target, "flag-on-saved"), flagOffSaved: to(plan.fallback, "flag-off-saved"),
      flagUnavailable: to(plan.fallback, "flag-unavailable"), rolloutIn: to(plan.target, "rollout"),
      rolloutOut: to(plan.fallback, "rollout"), circuitOpen: to(plan.fallback, "circuit-open"),
      pageTypeUnresolved: to(plan.fallback, "page-type-unresolved"), fallback,
    }),
  });
}

export const EMPTY_ROUTE_TABLE: RouteTable = Object.freeze({ routes: [], plans: [], usesPageType: false });

/** The X-Strangler-Decision value an engineer sees. */
export function formatDecision(decision: Decision): string {
  return `target=${decision.target}; plan=${decision.planId ?? "-"}; route=${decision.routeId ?? "-"}; reason=${decision.reason}`;
}
