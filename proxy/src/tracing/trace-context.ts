// The W3C trace context and the request id, without OpenTelemetry: what every request gets whether or not
// traces are exported. An incoming `traceparent` is continued; without a valid one the proxy starts a trace
// of its own, marked not sampled (exactly what an OTel SDK with the always_off sampler would send), so the
// upstreams and every access line still share one trace id. X-Request-Id is kept when the caller sent a
// sane one, generated otherwise. Ids come from a pooled random buffer: no OTel object, one hex slice each.
import { randomFillSync, randomUUID } from "node:crypto";

/** version-traceid-parentid-flags, lower-case hex; version ff and all-zero ids are invalid (W3C Trace Context). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-|$)/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);
/** Printable ASCII without spaces, at most 128 characters: safe to log and to pass on. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export interface TraceFields {
  headers: Record<string, string | string[] | undefined>;
  /** The trace this request belongs to (32 hex), for the access line. */
  traceId: string;
  /** The `traceparent` the upstreams receive. */
  traceparent: string;
  /** X-Request-Id, as received or generated; the upstreams receive it. */
  requestId: string;
}

export interface ParsedTraceparent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

export function parseTraceparent(value: string | string[] | undefined): ParsedTraceparent | undefined {
  if (typeof value !== "string") return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags] = match as unknown as [string, string, string, string, string];
  if (version === "ff" || (version === "00" && value.trim().length !== 55)) return undefined;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

/**
 * Sets traceId, traceparent and requestId from the request's headers. With `continueOnly`, a request
 * without a valid traceparent keeps traceparent empty (the OTel tracer starts the trace instead).
 */
export function readTraceContext(ex: TraceFields, continueOnly = false): void {
  const incomingId = ex.headers["x-request-id"];
  ex.requestId = typeof incomingId === "string" && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
  const incoming = ex.headers.traceparent;
  const parent = incoming === undefined ? undefined : parseTraceparent(incoming);
  if (parent !== undefined) {
    ex.traceId = parent.traceId;
    ex.traceparent = formatTraceparent(parent.traceId, parent.spanId, parent.sampled);
  } else if (!continueOnly) {
    ex.traceId = randomHex(16);
    ex.traceparent = formatTraceparent(ex.traceId, randomHex(8), false);
  }
}

const pool = Buffer.allocUnsafe(4_096);
let offset = pool.length;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString("hex", offset, offset + bytes);
  offset += bytes;
  return hex;
}
