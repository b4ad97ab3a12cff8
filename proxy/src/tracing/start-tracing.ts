// The one entry app.ts loads (dynamically, only when an OTLP endpoint is set), so a proxy that exports
// nothing never even loads the OTel SDK: start-up stays as fast as before, and no OTel object exists.
import { createRequestTracer } from "./request-tracer.ts";
import type { RequestTracer } from "./request-tracer.ts";
import { createTracerProvider } from "./tracer-provider.ts";
import type { TracingConfig } from "./tracing-config.ts";

export interface ProxyTracing {
  requestTracer: RequestTracer;
  /** Exports what is still batched, then stops. */
  shutdown(): Promise<void>;
}

export function startTracing(config: TracingConfig): ProxyTracing {
  const provider = createTracerProvider(config);
  return { requestTracer: createRequestTracer(provider.tracer), shutdown: provider.shutdown };
}
