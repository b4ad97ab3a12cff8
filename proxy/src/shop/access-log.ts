// One record per finished shop request: a pino access line (method, path, status, upstream, plan,
// reason, duration), an entry in the decisions ring and the request metrics.
import type { Logger } from "pino";
import type { DecisionLog, DecisionRecord } from "../admin/decision-log.ts";
import type { ProxyMetrics } from "../admin/metrics.ts";
import type { Exchange } from "./exchange.ts";

const STATUS_CLASS = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

export function createAccessLog(logger: Logger, decisions: DecisionLog, metrics: ProxyMetrics) {
  const counters = new Map<string, { inc(): void }>();
  const timers = new Map<string, { observe(value: number): void }>();

  function count(upstream: string, reason: string, status: string): void {
    const key = upstream + "|" + reason + "|" + status;
    let counter = counters.get(key);
    if (counter === undefined) counters.set(key, (counter = metrics.requests.labels(upstream, reason, status)));
    counter.inc();
  }

  function time(upstream: string, seconds: number): void {
    let timer = timers.get(upstream);
    if (timer === undefined) timers.set(upstream, (timer = metrics.duration.labels(upstream)));
    timer.observe(seconds);
  }

  return function recordRequest(ex: Exchange): void {
    const ms = Number(process.hrtime.bigint() - ex.startedAt) / 1e6;
    const res = ex.res;
    // A response cut before its end (shopper left, upstream died mid-body) is logged as 499.
    const status = res.writableFinished ? res.statusCode : 499;
    const decision = ex.decision;
    const upstream = decision?.target ?? "-";
    const reason = ex.refused !== undefined ? "refused" : decision?.reason ?? "-";
    const record: DecisionRecord = {
      time: new Date().toISOString(), method: ex.method, path: ex.path || (ex.req.url ?? ""), status, upstream,
      plan: decision?.planId, route: decision?.routeId, reason, ms: Math.round(ms * 1000) / 1000,
    };
    decisions.push(record);
    count(upstream, reason, STATUS_CLASS[Math.floor(status / 100)] ?? "other");
    time(upstream, ms / 1000);
    logger.info({ ...record, time: undefined, failure: ex.failure, refused: ex.refused }, "request");
  };
}
