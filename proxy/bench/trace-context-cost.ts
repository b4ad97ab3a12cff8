// The per-request cost of tracing when no OTLP endpoint is set: the proxy only reads or starts the W3C
// trace context and the request id (src/tracing/trace-context.ts). Measured as this process's CPU time per
// call (not wall time, which a busy machine inflates), for a request with a traceparent and X-Request-Id
// and for one with neither (all ids generated).
import { readTraceContext } from "../src/tracing/trace-context.ts";
import type { TraceFields } from "../src/tracing/trace-context.ts";

const CALLS = 2_000_000;

function cpuNsPerCall(fields: TraceFields): number {
  for (let i = 0; i < CALLS / 10; i++) readTraceContext(fields); // JIT warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) readTraceContext(fields);
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1_000) / CALLS;
}

export function measureTraceContextCost(): { continued: number; started: number } {
  const continued = cpuNsPerCall({
    headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "x-request-id": "req-0123" }, traceId: "", traceparent: "", requestId: "",
  });
  const started = cpuNsPerCall({ headers: {}, traceId: "", traceparent: "", requestId: "" });
  return { continued, started };
}
