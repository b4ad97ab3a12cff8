// From a finished shop exchange to a TrafficSample: only requests a plan matched count. The side is the
// one the decision first sent the shopper to: a replay means the plan's target was tried and failed, so
// it counts against the new side (as an error), even though the fallback answered.
import type { Exchange } from "../shop/exchange.ts";
import type { Side, TrafficStats } from "./traffic-stats.ts";

/** A decision with an onFailure goes to the plan's target (route-table.ts sets it only then). */
export function sideOf(ex: Exchange): Side {
  return ex.replayed || ex.decision?.onFailure !== undefined ? "new" : "legacy";
}

export function recordTraffic(stats: TrafficStats, ex: Exchange): void {
  const plan = ex.decision?.planId;
  if (plan === undefined || ex.refused !== undefined) return;
  // Same status the access log writes: a response cut before its end counts as 499.
  const status = ex.tunnel ? ex.status : ex.res.writableFinished ? ex.res.statusCode : 499;
  stats.record({ plan, side: sideOf(ex), status, durationMs: performance.now() - ex.startedAt, replayed: ex.replayed });
}
