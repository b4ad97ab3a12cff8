// One shopper request's trace across the whole store, exported to a real OTLP/HTTP receiver in this
// process: proxy (server span, attempt) → new frontend (Next's server span) → adapters (Magento GraphQL
// calls, Redis) → the Magento sandbox, which receives a traceparent naming the adapters' call. All joined
// by the trace id the caller sent.
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { createProxy, loadConfig, type RunningProxy } from "@strangler/proxy";
// The receiver and the recording relay are the proxy's test helpers, taken from its workspace by path.
import { startOtlpReceiver, SPAN_KIND, type OtlpReceiver, type ReceivedSpan } from "../../../proxy/test/support/otlp-receiver.ts";
import { startRecordingRelay, type RecordingRelay } from "../../../proxy/test/support/recording-relay.ts";
import { buildNextStartArgs, findFreePort, startService, type RunningService } from "../../tools/services.ts";
import { frontendDir } from "../../tools/ensure-build.ts";
import { writePlans } from "../support/plans.ts";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const CALLER_SPAN = "b7ad6b7169203331";
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

let receiver: OtlpReceiver;
let sandbox: RunningSandbox;
let magento: RecordingRelay;
let next: RunningService;
let proxy: RunningProxy;

beforeAll(async () => {
  const [proxyPort, nextPort] = await Promise.all([findFreePort(), findFreePort()]);
  const shopUrl = `http://127.0.0.1:${proxyPort}`;
  receiver = await startOtlpReceiver();
  sandbox = await startSandbox({ port: 0, host: "127.0.0.1", baseUrl: `${shopUrl}/` });
  magento = await startRecordingRelay(sandbox.url);
  const nextUrl = `http://127.0.0.1:${nextPort}`;
  const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "20" };
  next = await startService({
    name: "new-frontend", args: buildNextStartArgs(nextPort), cwd: frontendDir, output: "pipe", readyUrl: `${nextUrl}/api/health`,
    // Redis with a key prefix of this run's own, so the adapters' cache reads are real Redis calls.
    env: {
      MAGENTO_URL: magento.url, PUBLIC_URL: shopUrl, REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: `strangler:traces-test:${randomUUID()}:`,
      NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...otel,
    },
  });
  proxy = await createProxy(loadConfig({
    PORT: String(proxyPort), ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN: "traces-admin-token-0123456789", LEGACY_URL: magento.url,
    NEW_FRONTEND_URL: nextUrl, PLANS_DIR: await writePlans(100), LOG_LEVEL: "silent", NODE_ENV: "test", ...otel,
  }), { logger: pino({ level: "silent" }), defaultMetrics: false });
});

afterAll(async () => {
  await Promise.allSettled([proxy?.close(), next?.stop()]);
  await Promise.allSettled([magento?.close(), sandbox?.close(), receiver?.close()]);
});

const inTrace = (spans: ReceivedSpan[]) => spans.filter((span) => span.traceId === TRACE);
const byId = (spans: ReceivedSpan[], id: string | undefined) => spans.find((span) => span.spanId === id);

/** The chain of spans from `span` up to the trace's root, service:name each. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan | undefined): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let at = span; at !== undefined; at = byId(spans, at.parentSpanId)) chain.push(at);
  return chain;
}

describe("one request's trace", () => {
  it("joins proxy, new frontend, adapters and the sandbox under the caller's trace id", async () => {
    const response = await fetch(`${proxy.shopUrl}/joust-duffle-bag.html`, { headers: { traceparent: `00-${TRACE}-${CALLER_SPAN}-01`, "x-request-id": "e2e-trace-1" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("strangler-new-frontend");

    // Magento received the adapters' calls with this trace's traceparent.
    const magentoCalls = magento.received.filter((call) => TRACEPARENT.exec(String(call.headers.traceparent))?.[1] === TRACE);
    expect(magentoCalls.length).toBeGreaterThan(0);
    const callParents = magentoCalls.map((call) => TRACEPARENT.exec(String(call.headers.traceparent))![2]!);

    const isNextServer = (span: ReceivedSpan) => span.service === "strangler-new-frontend" && span.kind === SPAN_KIND.server;
    const spans = inTrace(await receiver.waitFor((all) => {
      const trace = inTrace(all);
      return trace.some((span) => span.service === "strangler-proxy" && span.kind === SPAN_KIND.server)
        && trace.some(isNextServer) && callParents.every((id) => byId(trace, id) !== undefined)
        && trace.some((span) => span.attributes["db.system.name"] === "redis");
    }));

    const proxyServer = spans.find((span) => span.service === "strangler-proxy" && span.kind === SPAN_KIND.server)!;
    expect(proxyServer).toMatchObject({ name: "GET", parentSpanId: CALLER_SPAN, attributes: { "url.path": "/joust-duffle-bag.html", "strangler.request_id": "e2e-trace-1" } });
    const attempt = spans.find((span) => span.parentSpanId === proxyServer.spanId && span.kind === SPAN_KIND.client)!;
    expect(attempt.attributes["strangler.upstream"]).toBe("new-frontend");
    // The proxy's page-type lookup reached Magento under its own span.
    const lookup = spans.find((span) => span.parentSpanId === proxyServer.spanId && span.name === "page-type lookup")!;
    expect(lookup.attributes["strangler.page_type"]).toBe("PRODUCT");
    expect(callParents).toContain(lookup.spanId);

    // Next's own server span continues the proxy's attempt.
    const nextServers = spans.filter(isNextServer);
    expect(nextServers.map((span) => span.parentSpanId)).toContain(attempt.spanId);

    // Every other call Magento saw is an adapters' client span, under Next's request, under the proxy's attempt.
    const adapterCalls = callParents.filter((id) => id !== lookup.spanId).map((id) => byId(spans, id)!);
    expect(adapterCalls.length).toBeGreaterThan(0);
    for (const call of adapterCalls) {
      expect(call).toMatchObject({ service: "strangler-new-frontend", kind: SPAN_KIND.client, attributes: { "server.address": "127.0.0.1", "http.response.status_code": 200 } });
      expect(ancestry(spans, call).map((span) => span.spanId)).toEqual(expect.arrayContaining([attempt.spanId, proxyServer.spanId]));
    }
    const redis = spans.filter((span) => span.attributes["db.system.name"] === "redis");
    expect(redis[0]!.service).toBe("strangler-new-frontend");
    expect(ancestry(spans, redis[0]).map((span) => span.spanId)).toContain(attempt.spanId);
  });
});
