// The adapters' spans with an OTel SDK registered (as new-frontend's instrumentation.ts does), exported to
// memory: one CLIENT span per Magento call (GraphQL over nock, REST over nock) whose traceparent Magento
// receives, nested under the caller's active span; one per Redis cache operation on the real Redis.
import { context, propagation, trace } from "@opentelemetry/api";
import type { Span } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore } from "../src/cache/redis-store.ts";
import { MagentoInputError } from "../src/errors.ts";
import { createMagentoGraphql } from "../src/magento/graphql-client.ts";
import { createMagentoRest } from "../src/magento/rest-client.ts";
import { productQuery } from "../src/magento/queries/products.ts";
import { createCounterMetrics } from "../src/observability.ts";
import { createRecordingLogger } from "./support/doubles.ts";
import { loadFixture } from "./support/fixtures.ts";
import { redisUrl, uniquePrefix } from "./support/redis.ts";

const origin = "http://magento.test";
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1"); // Redis
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});
afterEach(() => { nock.cleanAll(); exporter.reset(); });
afterAll(async () => {
  nock.enableNetConnect();
  await provider.shutdown();
  trace.disable(); propagation.disable(); context.disable();
});

/** Runs `work` inside a request span, as Next's server span would be. */
function inRequest<T>(work: (request: Span) => Promise<T>): Promise<T> {
  return trace.getTracer("test").startActiveSpan("request", async (span) => {
    try { return await work(span); } finally { span.end(); }
  });
}

describe("adapters' spans", () => {
  it("accepts a GraphQL call as a GET client span under the request, and Magento receives its traceparent", async () => {
    let sent: string | undefined;
    nock(origin).matchHeader("traceparent", (value: string | null) => { sent = value ?? undefined; return true; })
      .get("/graphql").query(true).reply(200, loadFixture("product-simple"), { "content-type": "application/json" });
    const client = createMagentoGraphql({ graphqlUrl: `${origin}/graphql`, store: "default", timeoutMs: 1000 });
    const request = await inRequest(async (span) => { await client.request("product", productQuery, { filter: {} }, {}); return span; });
    const call = exporter.getFinishedSpans().find((span) => span.name === "GET")!;
    expect(call.attributes).toMatchObject({
      "http.request.method": "GET", "url.full": `${origin}/graphql`, "server.address": "magento.test", "server.port": 80,
      "http.response.status_code": 200, "strangler.adapter.operation": "product",
    });
    expect(call.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(TRACEPARENT.exec(sent ?? "")?.slice(1)).toEqual([request.spanContext().traceId, call.spanContext().spanId]);
  });

  it("rejects a REST 404 with MagentoInputError (http-404) and marks its span an error with the status", async () => {
    let sent: string | undefined;
    nock(origin).matchHeader("traceparent", (value: string | null) => { sent = value ?? undefined; return true; })
      .get("/rest/default/V1/guest-carts/abc/totals").reply(404, { message: "No such entity" });
    const rest = createMagentoRest({ restUrl: `${origin}/rest`, store: "default", timeoutMs: 1000 });
    const error = await inRequest(() => rest.get("cartTotals", "guest-carts/abc/totals", {}).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(MagentoInputError);
    const call = exporter.getFinishedSpans().find((span) => span.name === "GET")!;
    expect(call.attributes).toMatchObject({ "http.response.status_code": 404, "error.type": "MagentoInputError", "strangler.adapter.operation": "cartTotals" });
    expect(call.status.code).toBe(2);
    expect(TRACEPARENT.exec(sent ?? "")?.[2]).toBe(call.spanContext().spanId);
  });

  it("accepts each Redis cache operation as a client span", async () => {
    const store = createRedisStore({ url: redisUrl, keyPrefix: uniquePrefix("tracing"), logger: createRecordingLogger(), metrics: createCounterMetrics() });
    try {
      expect(await store.ready()).toBe(true);
      await inRequest(() => store.get("missing-key"));
      const redis = exporter.getFinishedSpans().find((span) => span.name === "redis get")!;
      expect(redis.attributes).toEqual({ "db.system.name": "redis", "db.operation.name": "get" });
      expect(redis.parentSpanContext?.spanId).toBe(exporter.getFinishedSpans().find((span) => span.name === "request")!.spanContext().spanId);
    } finally {
      await store.close();
    }
  });
});
