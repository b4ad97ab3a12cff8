// OpenTelemetry's standard env names, checked once at the edge with the rest of the proxy's env. Traces are
// exported (OTLP/HTTP) only when an OTLP endpoint is set; without one the proxy creates no OTel object at
// all and only passes a W3C trace context on (trace-context.ts). The exporter itself still reads its
// transport settings (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _COMPRESSION) from the env, as the spec says.
import { z } from "zod";

const SAMPLERS = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"] as const;
export type SamplerName = typeof SAMPLERS[number];

const otlpUrl = z.url({ protocol: /^https?$/ });

export const otelEnvSchema = z.object({
  OTEL_SDK_DISABLED: z.enum(["true", "false"]).optional().describe('"true" or "false"'),
  OTEL_TRACES_EXPORTER: z.enum(["otlp", "none"]).optional().describe('"otlp" or "none" (the proxy exports OTLP/HTTP only)'),
  OTEL_SERVICE_NAME: z.string().min(1).default("strangler-proxy").describe("a service name, such as strangler-proxy"),
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional()
    .describe("an http(s) base URL of an OTLP/HTTP receiver, such as http://otel-collector:4318 (traces go to /v1/traces)"),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional()
    .describe("the full http(s) URL traces are posted to, such as http://otel-collector:4318/v1/traces"),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(["http/json"]).optional().describe('"http/json" (the one protocol the proxy sends)'),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).default("parentbased_always_on").describe(`one of ${SAMPLERS.join(", ")}`),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional().describe("a sampling ratio from 0 to 1, such as 0.1"),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(5_000).describe("a whole number of milliseconds above 0"),
});

export type OtelEnv = z.output<typeof otelEnvSchema>;

/** What the proxy's tracing needs, resolved; `undefined` in ProxyConfig.tracing means no export. */
export interface TracingConfig {
  serviceName: string;
  /** Where spans are posted (OTLP/HTTP JSON). */
  tracesUrl: string;
  sampler: SamplerName;
  /** For the ratio samplers: the share of new traces kept, 0..1 (default 1). */
  ratio: number;
  /** Milliseconds between two exports of the batched spans. */
  scheduleDelayMs: number;
}

export function resolveTracingConfig(env: OtelEnv): TracingConfig | undefined {
  if (env.OTEL_SDK_DISABLED === "true" || env.OTEL_TRACES_EXPORTER === "none") return undefined;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
    ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces`);
  if (tracesUrl === undefined) return undefined;
  return { serviceName: env.OTEL_SERVICE_NAME, tracesUrl, sampler: env.OTEL_TRACES_SAMPLER, ratio: env.OTEL_TRACES_SAMPLER_ARG ?? 1,
    scheduleDelayMs: env.OTEL_BSP_SCHEDULE_DELAY,
  };
}
