// One record per finished shop request or upgrade (and per refusal before routing): an access line
// (method, path, status, upstream, plan, route, reason, duration, failure stage, trace_id, request_id), the same object kept in
// the decisions ring, and the request metrics. With the logger's destination at hand, the exact line pino
// would write is built here and written to that stream directly (README, performance notes: why).
import type { Logger } from "pino";
import type { DecisionLog, DecisionRecord } from "../admin/decision-log.ts";
import type { ProxyMetrics } from "../admin/metrics.ts";
import { formatLogBase } from "../logger.ts";
import type { LogDestination } from "../logger.ts";
import { createDecision } from "../routing/route-table.ts";
import type { ClientRefusal } from "./client-errors.ts";
import type { Exchange } from "./exchange.ts";

const REFUSED = createDecision("-", "refused");
const UNDECIDED = createDecision("-", "undecided");

export interface AccessLogOutput {
  logger: Logger;
  /** The logger's own stream; without it lines go through `logger.info` (tests with their own logger). */
  destination?: LogDestination;
}

export interface AccessLog {
  /** One finished (or abandoned) request or upgrade. */
  recordRequest(ex: Exchange): void;
  /** A request node's parser refused before an Exchange existed. */
  recordRefusal(refusal: ClientRefusal): void;
}

export function createAccessLog(output: AccessLogOutput, decisions: DecisionLog, metrics: ProxyMetrics): AccessLog {
  const { logger, destination } = output;
  const logs = logger.isLevelEnabled("info");
  const base = formatLogBase();

  function write(record: DecisionRecord, decision: typeof REFUSED, seconds: number): void {
    const now = Date.now();
    decisions.push(record, now);
    metrics.requests.record(decision, record.method, record.status, seconds);
    if (record.refused !== undefined) metrics.refusals.inc({ code: record.refused });
    if (!logs) return;
    if (destination === undefined) logger.info(record, "request");
    else destination.write(formatAccessLine(record, now, base));
  }

  return {
    recordRequest(ex) {
      const ms = performance.now() - ex.startedAt;
      const status = ex.finalStatus;
      const decision = ex.refused !== undefined ? REFUSED : ex.decision ?? UNDECIDED;
      write({
        method: ex.method, path: ex.path || (ex.req.url ?? ""), status, upstream: decision.target,
        plan: decision.planId, route: decision.routeId, reason: decision.reason, ms: Math.round(ms * 1000) / 1000,
        failure: ex.failure, refused: ex.refused, trace_id: ex.traceId, request_id: ex.requestId,
      }, decision, ms / 1000);
    },
    recordRefusal(refusal) {
      write({
        method: refusal.method, path: refusal.path, status: refusal.status, upstream: REFUSED.target, plan: undefined,
        route: undefined, reason: REFUSED.reason, ms: 0, failure: undefined, refused: refusal.refused,
      }, REFUSED, 0);
    },
  };
}

/** Exactly pino's line for `logger.info(record, "request")` with the default base: undefined fields left out. */
export function formatAccessLine(record: DecisionRecord, time: number, base: string): string {
  let line = `{"level":30,"time":${time},${base},"method":${JSON.stringify(record.method)},"path":${JSON.stringify(record.path)}`
    + `,"status":${record.status},"upstream":${JSON.stringify(record.upstream)}`;
  if (record.plan !== undefined) line += `,"plan":${JSON.stringify(record.plan)}`;
  if (record.route !== undefined) line += `,"route":${JSON.stringify(record.route)}`;
  line += `,"reason":${JSON.stringify(record.reason)},"ms":${record.ms}`;
  if (record.failure !== undefined) line += `,"failure":${JSON.stringify(record.failure)}`;
  if (record.refused !== undefined) line += `,"refused":${JSON.stringify(record.refused)}`;
  // The trace id is 32 hex digits (trace-context.ts): nothing to escape.
  if (record.trace_id !== undefined) line += `,"trace_id":"${record.trace_id}"`;
  if (record.request_id !== undefined) line += `,"request_id":${JSON.stringify(record.request_id)}`;
  return line + `,"msg":"request"}\n`;
}
