// One record per finished shop request: a pino access line (method, path, status, upstream, plan,
// reason, duration), the same object kept in the decisions ring, and the request metrics. One
// allocation per request; nothing here formats dates or hashes labels.
import type { Logger } from "pino";
import type { DecisionLog, DecisionRecord } from "../admin/decision-log.ts";
import type { ProxyMetrics } from "../admin/metrics.ts";
import { createDecision } from "../routing/route-table.ts";
import type { Exchange } from "./exchange.ts";

const REFUSED = createDecision("-", "refused");
const UNDECIDED = createDecision("-", "undecided");

export function createAccessLog(logger: Logger, decisions: DecisionLog, metrics: ProxyMetrics) {
  const logs = logger.isLevelEnabled("info");
  return function recordRequest(ex: Exchange): void {
    const ms = performance.now() - ex.startedAt;
    const res = ex.res;
    // A response cut before its end (shopper left, upstream died mid-body) is logged as 499.
    const status = res.writableFinished ? res.statusCode : 499;
    const decision = ex.refused !== undefined ? REFUSED : ex.decision ?? UNDECIDED;
    const record: DecisionRecord = {
      method: ex.method, path: ex.path || (ex.req.url ?? ""), status, upstream: decision.target,
      plan: decision.planId, route: decision.routeId, reason: decision.reason, ms: Math.round(ms * 1000) / 1000,
      failure: ex.failure, refused: ex.refused,
    };
    decisions.push(record, Date.now());
    metrics.requests.record(decision, status, ms / 1000);
    if (logs) logger.info(record, "request");
  };
}
