// Traces through the proxy, exported to a real OTLP/HTTP receiver: the caller's traceparent continued
// (or a trace started), a server span with decide, page-type lookup, one client span per upstream attempt
// and the response under it; each upstream receives the traceparent of the attempt that reached it, and
// X-Request-Id. Without an endpoint the proxy still passes a W3C trace context on and logs its trace id.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { startFakeMagento } from "../support/fake-graphql.ts";
import type { FakeMagento } from "../support/fake-graphql.ts";
import { startOtlpReceiver, SPAN_KIND } from "../support/otlp-receiver.ts";
import type { OtlpReceiver, ReceivedSpan } from "../support/otlp-receiver.ts";
import { createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream, textHandler } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;

let legacy: FakeMagento;
let next: TestUpstream;
let plans: PlansDir;
let receiver: OtlpReceiver;
let traced: RunningProxy;
let untraced: RunningProxy;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  [legacy, next, receiver] = await Promise.all([startFakeMagento({ "/joust-duffle-bag.html": "PRODUCT" }), startUpstream("new"), startOtlpReceiver()]);
  plans = await createPlansDir({ "p.yaml": planYaml("pdp", "  - path: /p/**"), "products.yaml": planYaml("product-pages", "  - pageType: PRODUCT") });
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  const logger = pino({ level: "info" }, sink);
  traced = await startTestProxy({
    legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { logger },
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "20" },
  });
  untraced = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { logger } });
});
afterAll(async () => {
  await Promise.all([traced.close(), untraced.close()]);
  await Promise.all([legacy.close(), next.close(), receiver.close(), plans.remove()]);
});

const ofTrace = (traceId: string) => (spans: ReceivedSpan[]) => spans.filter((span) => span.traceId === traceId);
const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);
const accessLine = (path: string) => lines.filter((line) => line.msg === "request" && line.path === path).at(-1);

/** Waits until the trace's server span arrived (it ends last), then returns the whole trace. */
async function traceOf(traceId: string): Promise<{ server: ReceivedSpan; spans: ReceivedSpan[] }> {
  const isServer = (span: ReceivedSpan) => span.traceId === traceId && span.kind === SPAN_KIND.server;
  await receiver.waitFor((spans) => spans.some(isServer));
  const spans = ofTrace(traceId)(receiver.spans);
  return { server: spans.find(isServer)!, spans };
}

describe("with OTEL_EXPORTER_OTLP_ENDPOINT set", () => {
  it("continues the caller's trace: server span, decide, the attempt the new side saw as its parent, the response", async () => {
    next.handle(textHandler("new"));
    const response = await fetch(`${traced.shopUrl}/p/a?x=1`, { headers: { traceparent: `00-${TRACE}-${CALLER_SPAN}-01`, "x-request-id": "req-abc" } });
    expect(await response.text()).toBe("new GET /p/a?x=1");
    const seen = next.received.at(-1)!;
    const [, traceId, parentId, flags] = TRACEPARENT.exec(String(seen.headers.traceparent))!;
    expect([traceId, flags, seen.headers["x-request-id"]]).toEqual([TRACE, "01", "req-abc"]);

    const { server, spans } = await traceOf(TRACE);
    expect(server).toMatchObject({
      service: "strangler-proxy", name: "GET", parentSpanId: CALLER_SPAN,
      attributes: {
        "http.request.method": "GET", "url.path": "/p/a", "url.query": "x=1", "url.scheme": "http", "http.response.status_code": 200,
        "strangler.plan": "pdp", "strangler.target": "new-frontend", "strangler.request_id": "req-abc",
      },
    });
    const children = childrenOf(spans, server);
    expect(children.map((span) => span.name).sort()).toEqual(["GET", "decide", "response"]);
    const attempt = children.find((span) => span.kind === SPAN_KIND.client)!;
    expect(attempt.spanId).toBe(parentId);
    expect(attempt.attributes).toMatchObject({
      "http.request.method": "GET", "server.address": "127.0.0.1", "server.port": Number(new URL(next.url).port),
      "url.full": `${next.url}/p/a?x=1`, "http.response.status_code": 200, "strangler.upstream": "new-frontend",
    });
    expect(children.find((span) => span.name === "decide")!.attributes).toMatchObject({ "strangler.reason": "rollout", "strangler.route": "pdp#0" });
    expect(accessLine("/p/a")).toMatchObject({ trace_id: TRACE, request_id: "req-abc" });
  });

  it("makes the replay to the fallback a second attempt, and legacy sees that attempt as its parent", async () => {
    next.handle((_req, res) => { res.writeHead(503); res.end(); });
    const response = await fetch(`${traced.shopUrl}/p/down`);
    expect(response.status).toBe(200);
    const traceId = String(accessLine("/p/down")!.trace_id);
    const { server, spans } = await traceOf(traceId);
    const attempts = childrenOf(spans, server).filter((span) => span.kind === SPAN_KIND.client);
    expect(attempts.map((span) => [span.attributes["strangler.upstream"], span.attributes["http.response.status_code"], span.attributes["http.request.resend_count"], span.statusCode]))
      .toEqual(expect.arrayContaining([["new-frontend", 503, undefined, 2], ["legacy", 200, 1, 0]]));
    expect(attempts).toHaveLength(2);
    const legacySaw = legacy.received.filter((request) => request.url === "/p/down").at(-1)!;
    expect(TRACEPARENT.exec(String(legacySaw.headers.traceparent))?.[2]).toBe(attempts.find((span) => span.attributes["strangler.upstream"] === "legacy")!.spanId);
    expect(server.attributes).toMatchObject({ "strangler.reason": "fallback", "strangler.failure": "status", "http.response.status_code": 200 });
    next.handle(textHandler("new"));
  });

  it("starts a trace when the caller sent none, with the page-type lookup's GraphQL call under its own span", async () => {
    const response = await fetch(`${traced.shopUrl}/joust-duffle-bag.html`);
    const text = await response.text();
    const line = accessLine("/joust-duffle-bag.html")!;
    expect({ text, line }).toMatchObject({ text: "new GET /joust-duffle-bag.html" });
    expect(line.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { server, spans } = await traceOf(String(line.trace_id));
    expect(server.parentSpanId).toBeUndefined();
    const lookup = childrenOf(spans, server).find((span) => span.name === "page-type lookup")!;
    expect(lookup.attributes["strangler.page_type"]).toBe("PRODUCT");
    const graphql = legacy.received.filter((request) => request.url.startsWith("/graphql")).at(-1)!;
    expect(TRACEPARENT.exec(String(graphql.headers.traceparent))?.slice(1, 3)).toEqual([line.trace_id, lookup.spanId]);
    // One decide waiting for the page type, one after it.
    expect(childrenOf(spans, server).filter((span) => span.name === "decide").map((span) => span.attributes["strangler.reason"] ?? "waiting").sort())
      .toEqual(["rollout", "waiting"]);
    expect(next.received.at(-1)!.headers["x-request-id"]).toBe(line.request_id);
  });
});

describe("without an OTLP endpoint", () => {
  it("passes the caller's traceparent on unchanged and logs its trace id", async () => {
    const traceparent = `00-${TRACE}-${CALLER_SPAN}-01`;
    await fetch(`${untraced.shopUrl}/p/plain`, { headers: { traceparent } }).then((r) => r.text());
    expect(next.received.at(-1)!.headers.traceparent).toBe(traceparent);
    expect(accessLine("/p/plain")).toMatchObject({ trace_id: TRACE });
  });

  it.each([
    ["no traceparent", {}],
    ["a malformed traceparent", { traceparent: "00-xyz-1-01" }],
    ["an all-zero trace id", { traceparent: `00-${"0".repeat(32)}-${CALLER_SPAN}-01` }],
    ["version ff", { traceparent: `ff-${TRACE}-${CALLER_SPAN}-01` }],
  ])("starts a trace, not sampled, on %s; a request id is generated", async (_name, headers: Record<string, string>) => {
    await fetch(`${untraced.shopUrl}/p/fresh`, { headers: { ...headers, "x-request-id": "has spaces in it" } }).then((r) => r.text());
    const seen = next.received.at(-1)!.headers;
    const [, traceId, , flags] = TRACEPARENT.exec(String(seen.traceparent))!;
    expect(traceId).not.toBe(TRACE);
    expect(flags).toBe("00");
    expect(seen["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(accessLine("/p/fresh")).toMatchObject({ trace_id: traceId, request_id: seen["x-request-id"] });
  });
});
