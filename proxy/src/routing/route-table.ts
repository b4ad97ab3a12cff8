// Plans are data; the route table is what the per-request path reads: one route per `match` entry,
// ordered by priority, with its matcher compiled and every possible decision built once.
import { compileMatcher } from "@strangler/migration-plans";
import type { CompiledMatcher, PageType, Plan, Stage } from "@strangler/migration-plans";
import type { Rollout } from "../flags/types.ts";

export type DecisionReason =
  | "no-route" | "admin-path" | "forced" | "flag-on" | "flag-off"
  /** The flag service is unreachable; the answer came from its last saved state. */
  | "flag-on-saved" | "flag-off-saved"
  | "flag-unavailable" | "rollout"
  | "variant" | "circuit-open" | "page-type-unresolved" | "fallback"
  /** A graphql route's method and path matched, but the operation could not be read (too large, persisted, bad). */
  | "graphql-unreadable"
  /** A crawler met a plan mid-ramp: it gets the side BOT_SIDE names, always the same, and no cookie. */
  | "crawler"
  /** The plan is in stage shadow: the fallback answers everyone, a sample is mirrored to the target. */
  | "shadow"
  /** The plan is in stage off: it holds its routes and sends everything to the fallback. */
  | "stage-off"
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
  /** The side depended on who asked (a split flag, a crawler, an engineer): no shared cache may keep the answer. */
  readonly perShopper: boolean;
  /** The side depended on the shopper's strangler_sid: a shopper without one gets it with this answer. */
  readonly needsSession: boolean;
  /** Set on a stage-shadow decision: where a sample of these requests is mirrored, and how large a sample. */
  readonly shadow?: ShadowOrder | undefined;
}

export interface ShadowOrder {
  readonly planId: string;
  /** The upstream that answers the mirrored request: the plan's target. */
  readonly target: string;
  /** Share of matching requests mirrored, 0..1. */
  readonly sample: number;
}

export interface DecisionFlags { perShopper?: boolean; needsSession?: boolean; shadow?: ShadowOrder }

/** The answers a flag can give; built twice per route: for everyone alike, and split between shoppers. */
export interface FlagDecisions {
  flagOn: Decision; flagOff: Decision; flagOnSaved: Decision; flagOffSaved: Decision; rolloutIn: Decision; rolloutOut: Decision;
}

export interface RouteDecisions extends FlagDecisions {
  flagUnavailable: Decision; circuitOpen: Decision; pageTypeUnresolved: Decision; graphqlUnreadable: Decision; fallback: Decision;
  /** The same flag answers when the share splits shoppers: per shopper, sticky by session when the plan says so. */
  split: FlagDecisions;
  /** A crawler mid-ramp, to the plan's fallback or its target. */
  crawlerToFallback: Decision; crawlerToTarget: Decision;
  /** Stage shadow: the fallback answers, the order says where to mirror. Stage off: the fallback answers. */
  shadow: Decision; stageOff: Decision;
}

export interface Route {
  readonly id: string;
  readonly planId: string;
  readonly target: string;
  readonly fallback: string;
  readonly flag: string;
  readonly rollout: Rollout;
  readonly stage: Stage;
  readonly matcher: CompiledMatcher;
  readonly needsPageType: PageType | undefined;
  /** The route compares the request's GraphQL operation: the handler reads it (body, query) first. */
  readonly needsGraphql: boolean;
  readonly decisions: RouteDecisions;
}

export interface RouteTable {
  readonly routes: readonly Route[];
  readonly plans: readonly Plan[];
  /** True when some route needs Magento's page type: only then can a request wait on the resolver. */
  readonly usesPageType: boolean;
  /** True when some route reads GraphQL operations: only then is any request body read before deciding. */
  readonly usesGraphql: boolean;
}

export function createDecision(target: string, reason: DecisionReason, planId?: string, routeId?: string, onFailure?: Decision, flags: DecisionFlags = {}): Decision {
  return Object.freeze({
    target, planId, routeId, reason, onFailure, perShopper: flags.perShopper ?? false, needsSession: flags.needsSession ?? false, shadow: flags.shadow,
  });
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
  return Object.freeze({
    routes, plans, usesPageType: routes.some((route) => route.needsPageType), usesGraphql: routes.some((route) => route.needsGraphql),
  });
}

function compileRoute(plan: Plan, index: number, matcher: CompiledMatcher): Route {
  const id = `${plan.id}#${index}`;
  const fallback = createDecision(plan.fallback, "fallback", plan.id, id);
  const to = (target: string, reason: DecisionReason, flags: DecisionFlags = {}) =>
    createDecision(target, reason, plan.id, id, target === plan.fallback ? undefined : fallback, flags);
  const flagDecisions = (flags: DecisionFlags): FlagDecisions => Object.freeze({
    flagOn: to(plan.target, "flag-on", flags), flagOff: to(plan.fallback, "flag-off", flags),
    flagOnSaved: to(plan.target, "flag-on-saved", flags), flagOffSaved: to(plan.fallback, "flag-off-saved", flags),
    rolloutIn: to(plan.target, "rollout", flags), rolloutOut: to(plan.fallback, "rollout", flags),
  });
  // Random stickiness draws anew per request: per shopper, yet no session to keep.
  const split = { perShopper: true, needsSession: plan.rollout.stickiness === "sessionId" };
  return Object.freeze({
    id, planId: plan.id, target: plan.target, fallback: plan.fallback, flag: plan.flag,
    rollout: Object.freeze({ ...plan.rollout }), stage: plan.stage ?? "split", matcher, needsPageType: matcher.needsPageType,
    needsGraphql: matcher.needsGraphql === true,
    decisions: Object.freeze({
      ...flagDecisions({}), split: flagDecisions(split),
      flagUnavailable: to(plan.fallback, "flag-unavailable"), circuitOpen: to(plan.fallback, "circuit-open"),
      pageTypeUnresolved: to(plan.fallback, "page-type-unresolved"), graphqlUnreadable: to(plan.fallback, "graphql-unreadable"), fallback,
      crawlerToFallback: to(plan.fallback, "crawler", { perShopper: true }), crawlerToTarget: to(plan.target, "crawler", { perShopper: true }),
      shadow: to(plan.fallback, "shadow", { shadow: Object.freeze({ planId: plan.id, target: plan.target, sample: (plan.shadowSample ?? 0) / 100 }) }),
      stageOff: to(plan.fallback, "stage-off"),
    }),
  });
}

export const EMPTY_ROUTE_TABLE: RouteTable = Object.freeze({ routes: [], plans: [], usesPageType: false, usesGraphql: false });

/** The X-Strangler-Decision value an engineer sees. */
export function formatDecision(decision: Decision): string {
  return `target=${decision.target}; plan=${decision.planId ?? "-"}; route=${decision.routeId ?? "-"}; reason=${decision.reason}`;
}
