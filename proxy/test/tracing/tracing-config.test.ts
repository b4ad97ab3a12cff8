// OpenTelemetry's env names, checked at the edge with the proxy's own: export only with an endpoint.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

const base = { ADMIN_TOKEN: "test-admin-token-0123456789", LEGACY_URL: "http://127.0.0.1:8081" };

describe("tracing config", () => {
  it.each([
    ["no endpoint: nothing exported", {}, undefined],
    ["an endpoint: traces to its /v1/traces, parent-based, every root kept", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" },
      { serviceName: "strangler-proxy", tracesUrl: "http://collector:4318/v1/traces", sampler: "parentbased_always_on", ratio: 1, scheduleDelayMs: 5000 }],
    ["the traces endpoint as given, the sampler and service named", {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://otel.example/in/traces",
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25", OTEL_SERVICE_NAME: "shop-proxy",
    }, { serviceName: "shop-proxy", tracesUrl: "https://otel.example/in/traces", sampler: "parentbased_traceidratio", ratio: 0.25, scheduleDelayMs: 5000 }],
    ["OTEL_SDK_DISABLED=true", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" }, undefined],
    ["OTEL_TRACES_EXPORTER=none", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_TRACES_EXPORTER: "none" }, undefined],
  ])("accepts %s", (_name, env: Record<string, string>, expected) => {
    expect(loadConfig({ ...base, ...env }, null).tracing).toEqual(expected);
  });

  it.each([
    ["an endpoint that is not http(s)", { OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317" },
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) base URL of an OTLP/HTTP receiver, such as http://otel-collector:4318 (traces go to /v1/traces) (got "grpc://collector:4317")'],
    ["an unknown sampler", { OTEL_TRACES_SAMPLER: "sometimes" },
      'OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio (got "sometimes")'],
    ["a ratio above 1", { OTEL_TRACES_SAMPLER_ARG: "5" }, 'OTEL_TRACES_SAMPLER_ARG must be a sampling ratio from 0 to 1, such as 0.1 (got "5")'],
    ["the protobuf protocol", { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf" },
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be "http/json" (the one protocol the proxy sends) (got "http/protobuf")'],
  ])("rejects %s", (_name, env: Record<string, string>, message) => {
    expect(() => loadConfig({ ...base, ...env }, null)).toThrow(message);
  });
});
