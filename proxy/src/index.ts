// @strangler/proxy: the routing proxy in front of a live Magento store. Each shop request is checked and
// normalized once (http/), matched against the route table compiled from the migration plans
// (routing/), decided by the plan's flag (flags/), and handed to the forwarder (forward/, on undici), which
// owns the round trip: admission, body buffering, timeouts, retry, replay to the fallback, circuit breakers.
// Plans in stage shadow mirror a sample to their target (shadow/) and score parity (parity/).
// The admin port (admin/) shows health, decisions, plans, flags, parity and metrics.
export { createProxy } from "./app.ts";
export type { ProxyDeps, RunningProxy } from "./app.ts";
export { loadConfig, proxyEnvSchema } from "./config.ts";
export type { ProxyConfig } from "./config.ts";
export { ProxyError, ConfigError, RequestRefusedError, ForwardError, RequestBodyTooSlowError, UpstreamBusyError, PageTypeResolutionError } from "./errors.ts";
export type { ForwardStage } from "./errors.ts";
export { compileRouteTable } from "./routing/route-table.ts";
export type { Decision, DecisionReason, Route, RouteTable } from "./routing/route-table.ts";
export { decide, matchRoute } from "./routing/decide.ts";
export { createPlanRolloutProvider } from "./routing/plan-rollout-provider.ts";
export { SESSION_COOKIE } from "./routing/session-cookie.ts";
export { extractPageFacts, extractGraphqlFacts } from "./parity/commerce-facts.ts";
export type { Facts, PageFacts, GraphqlFacts } from "./parity/commerce-facts.ts";
export { createParityBoard } from "./parity/parity-board.ts";
export type { ParityScores, ParityBoard, PlanScore, PageTypeScore, MismatchSample } from "./parity/parity-board.ts";
