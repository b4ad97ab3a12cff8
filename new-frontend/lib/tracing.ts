// Traces for the new frontend: when an OTLP endpoint is set (OpenTelemetry's standard env names), the
// OTel SDK is registered globally, so Next's own spans (it continues the caller's `traceparent`) and the
// adapters' (Magento GraphQL/REST calls, Redis) are exported over OTLP/HTTP JSON under one trace.
// Without an endpoint nothing is registered and every span in the app is a no-op.
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider,
} from "@opentelemetry/sdk-trace";
import type { Sampler } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { z } from "zod";

const SAMPLERS = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"] as const;
const otlpUrl = (name: string) => z.url({ protocol: /^https?$/, message: `${name} must be an http(s) URL, e.g. http://otel-collector:4318` });

const otelEnvSchema = z.object({
  OTEL_SDK_DISABLED: z.enum(["true", "false"], { message: 'OTEL_SDK_DISABLED must be "true" or "false"' }).optional(),
  OTEL_TRACES_EXPORTER: z.enum(["otlp", "none"], { message: 'OTEL_TRACES_EXPORTER must be "otlp" or "none"' }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("strangler-new-frontend"),
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl("OTEL_EXPORTER_OTLP_ENDPOINT").optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS, { message: `OTEL_TRACES_SAMPLER must be one of ${SAMPLERS.join(", ")}` }).default("parentbased_always_on"),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1, "OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1").optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive("OTEL_BSP_SCHEDULE_DELAY must be milliseconds above 0").default(5_000),
});

export interface TracingConfig {
  serviceName: string;
  tracesUrl: string;
  sampler: typeof SAMPLERS[number];
  ratio: number;
  scheduleDelayMs: number;
}

/** Throws with every bad variable named; undefined when no endpoint is set (or tracing is switched off). */
export function parseTracingConfig(rawEnv: Record<string, string | undefined>): TracingConfig | undefined {
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([key, value]) => key.startsWith("OTEL_") && value !== ""));
  const parsed = otelEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("; "));
  const otel = parsed.data;
  if (otel.OTEL_SDK_DISABLED === "true" || otel.OTEL_TRACES_EXPORTER === "none") return undefined;
  const tracesUrl = otel.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
    ?? (otel.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : `${otel.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces`);
  if (tracesUrl === undefined) return undefined;
  return {
    serviceName: otel.OTEL_SERVICE_NAME, tracesUrl, sampler: otel.OTEL_TRACES_SAMPLER, ratio: otel.OTEL_TRACES_SAMPLER_ARG ?? 1,
    scheduleDelayMs: otel.OTEL_BSP_SCHEDULE_DELAY,
  };
}

/** Registers the SDK globally (once per process); spans left in the batch are exported on SIGTERM. */
export function startTracing(config: TracingConfig): void {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: createSampler(config),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }), scheduledDelayMillis: config.scheduleDelayMs })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  process.once("SIGTERM", () => void provider.shutdown());
}

function createSampler({ sampler, ratio }: TracingConfig): Sampler {
  switch (sampler) {
    case "always_on": return new AlwaysOnSampler();
    case "always_off": return new AlwaysOffSampler();
    case "traceidratio": return new TraceIdRatioBasedSampler(ratio);
    case "parentbased_always_on": return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off": return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio": return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}
