// The OTel SDK, set up from the resolved config: a tracer provider of the proxy's own (never the global
// one, so several proxies in one process, as in tests, keep their traces apart), the sampler the env
// names, and a batching OTLP/HTTP JSON exporter. Only app.ts calls this, and only when an endpoint is set.
import type { Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider,
} from "@opentelemetry/sdk-trace";
import type { Sampler } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { TracingConfig } from "./tracing-config.ts";

export interface ProxyTracerProvider {
  tracer: Tracer;
  /** Exports what is still batched, then stops. */
  shutdown(): Promise<void>;
}

export function createTracerProvider(config: TracingConfig): ProxyTracerProvider {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: createSampler(config),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }), scheduledDelayMillis: config.scheduleDelayMs })],
  });
  return { tracer: provider.getTracer("@strangler/proxy"), shutdown: () => provider.shutdown() };
}

export function createSampler({ sampler, ratio }: Pick<TracingConfig, "sampler" | "ratio">): Sampler {
  switch (sampler) {
    case "always_on": return new AlwaysOnSampler();
    case "always_off": return new AlwaysOffSampler();
    case "traceidratio": return new TraceIdRatioBasedSampler(ratio);
    case "parentbased_always_on": return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off": return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio": return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}
