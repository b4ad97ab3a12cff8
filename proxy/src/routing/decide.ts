// The decision: pure and cheap. From the request's facts, the compiled table, the flag provider and the
// upstreams' availability it returns target, plan, route and a reason. No I/O, no awaiting: when a route
// needs the page type and it is not known yet, decide says so and the caller resolves it first.
import type { MatchInput } from "@strangler/migration-plans";
import type { FlagContext, FlagProvider } from "../flags/types.ts";
import type { AdminPathGuard } from "./admin-path.ts";
import { createDecision } from "./route-table.ts";
import type { Decision, Route, RouteTable } from "./route-table.ts";

export type PageTypeState = "unknown" | "resolved" | "failed";
/** The request's GraphQL operation: not read yet, read (facts.graphql), or unreadable. */
export type GraphqlState = "unknown" | "resolved" | "failed";

export interface DecideInput {
  facts: MatchInput;
  flagContext: FlagContext;
  pageTypeState: PageTypeState;
  /** Absent: "unknown". */
  graphqlState?: GraphqlState;
  /** An upstream name an authenticated engineer asked for (X-Strangler-Force); undefined for shoppers. */
  forcedTarget?: string | undefined;
  /** A crawler that brought no session cookie (by its User-Agent); read only when a split plan matched. */
  readonly isBot?: boolean;
}

export interface DecideEnv {
  provider: FlagProvider;
  /** May grant a half-open probe, so call it only for the upstream the request will really go to. */
  isUpstreamAvailable(name: string): boolean;
  /** Magento's admin paths, which always go to legacy (see admin-path.ts). */
  isAdminPath: AdminPathGuard;
  knownTargets: ReadonlySet<string>;
  legacy: string;
  /** Where a crawler goes while a plan splits shoppers: the plan's fallback (default) or its target. */
  crawlerSide?: "fallback" | "target";
}

export const NO_ROUTE = createDecision("legacy", "no-route");
export const ADMIN_PATH = createDecision("legacy", "admin-path");
/** Not a routing answer: the caller must resolve the page type and call decide again. */
export const NEEDS_PAGE_TYPE = createDecision("", "page-type-unresolved");
/** Not a routing answer: the caller must read the request's GraphQL operation and call decide again. */
export const NEEDS_GRAPHQL = createDecision("", "graphql-unreadable");

/** First route (priority order) whose predicates hold. A page-type (graphql) route whose other predicates
 *  hold is returned while the page type (operation) is still unknown, so the caller knows to resolve it. */
export function matchRoute(table: RouteTable, facts: MatchInput, pageTypeKnown: boolean, graphqlRead = true): Route | undefined {
  const routes = table.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    if (route.needsPageType !== undefined && !pageTypeKnown) {
      if (route.matcher.matchesIgnoringPageType(facts)) return route;
    } else if (route.needsGraphql && !graphqlRead) {
      if (route.matcher.matchesIgnoringGraphql(facts)) return route;
    } else if (route.matcher.matches(facts)) {
      return route;
    }
  }
  return undefined;
}

export function decide(input: DecideInput, table: RouteTable, env: DecideEnv): Decision {
  const { facts } = input;
  if (env.isAdminPath(facts.path)) return ADMIN_PATH;
  if (input.forcedTarget !== undefined && env.knownTargets.has(input.forcedTarget)) {
    return createDecision(input.forcedTarget, "forced", undefined, undefined, undefined, { perShopper: true });
  }
  const graphqlState = input.graphqlState ?? "unknown";
  const route = matchRoute(table, facts, input.pageTypeState === "resolved", graphqlState === "resolved");
  if (route === undefined) return NO_ROUTE;
  if (route.needsGraphql && graphqlState !== "resolved") {
    return graphqlState === "failed" ? route.decisions.graphqlUnreadable : NEEDS_GRAPHQL;
  }
  if (route.needsPageType !== undefined && input.pageTypeState !== "resolved") {
    return input.pageTypeState === "failed" ? route.decisions.pageTypeUnresolved : NEEDS_PAGE_TYPE;
  }
  // A plan's stage comes before its flag: in shadow and off the fallback answers everyone alike.
  if (route.stage === "shadow") return route.decisions.shadow;
  if (route.stage === "off") return route.decisions.stageOff;
  return decideByFlag(route, input, env);
}

function decideByFlag(route: Route, input: DecideInput, env: DecideEnv): Decision {
  const evaluation = env.provider.evaluate(route.flag, input.flagContext, route.rollout);
  const source = evaluation.source;
  const all = route.decisions;
  if (source === "unknown") return all.flagUnavailable;
  // Mid-ramp, a crawler sees one side, always the same, and never gets a cookie (it would not keep it).
  if (evaluation.split === true && input.isBot === true) {
    return env.crawlerSide === "target" && env.isUpstreamAvailable(route.target) ? all.crawlerToTarget : all.crawlerToFallback;
  }
  const decisions = evaluation.split === true ? all.split : all;
  if (!evaluation.enabled) {
    return source === "plan-rollout" ? decisions.rolloutOut : source === "unleash-saved" ? decisions.flagOffSaved : decisions.flagOff;
  }
  const variant = evaluation.variant;
  if (variant !== undefined && variant !== route.target && env.knownTargets.has(variant)) {
    if (!env.isUpstreamAvailable(variant)) return all.circuitOpen;
    const flags = { perShopper: evaluation.split === true, needsSession: decisions.rolloutIn.needsSession };
    return createDecision(variant, "variant", route.planId, route.id, all.fallback, flags);
  }
  if (!env.isUpstreamAvailable(route.target)) return all.circuitOpen;
  return source === "plan-rollout" ? decisions.rolloutIn : source === "unleash-saved" ? decisions.flagOnSaved : decisions.flagOn;
}
