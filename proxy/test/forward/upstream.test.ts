// An upstream's undici pool and its timeouts, with real connections: a connection that never opens (name
// lookup held forever) fails in the connect stage; an upstream that goes silent before its head fails in the
// response-head stage as a timeout; a response that keeps sending outlasts the timeout and its connection is
// reused; an idle pooled connection is closed after the idle period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpstream } from "../../src/forward/upstream.ts";
import type { UpstreamOptions } from "../../src/forward/upstream.ts";
import { classifyFailure, statusForFailure } from "../../src/forward/stages.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let silent: TestUpstream;
beforeAll(async () => { silent = await startUpstream("silent", () => {}); });
afterAll(() => silent.close());

const options = (overrides: Partial<UpstreamOptions>): UpstreamOptions => ({
  connectTimeoutMs: 1_000, responseTimeoutMs: 10_000, firstByteTimeoutMs: 10_000, connections: 4, queueLength: 4, queueTimeoutMs: 1_000,
  circuitFailures: 5, circuitOpenMs: 10_000, ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the request to fail");
}

describe("an upstream's pool", () => {
  it("fails a connection that does not open within the connect timeout, in the connect stage", async () => {
    // Connector options reach net.connect: a lookup that never answers keeps the socket connecting.
    const upstream = createUpstream("new-frontend", new URL("http://upstream.invalid:8080"), options({ connectTimeoutMs: 100, connect: { lookup: () => {} } }));
    try {
      const error = await failureOf(upstream.pool.request({ path: "/x", method: "GET" }));
      expect((error as { code?: string }).code).toBe("UND_ERR_CONNECT_TIMEOUT");
      const failure = classifyFailure("new-frontend", "connecting", error, false);
      expect([failure.stage, failure.timedOut, failure.code, statusForFailure(failure)]).toEqual(["connect", true, "FORWARD_CONNECT_TIMEOUT", 502]);
    } finally {
      await upstream.close();
    }
  });

  it("fails a request to legacy that stays silent past legacy's first-byte budget, in the response-head stage", async () => {
    const upstream = createUpstream("legacy", new URL(silent.url), options({ firstByteTimeoutMs: 150 }));
    try {
      const started = performance.now();
      const error = await failureOf(upstream.pool.request({ path: "/slow", method: "GET" }));
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      const failure = classifyFailure("legacy", "waiting", error, false);
      expect([failure.stage, failure.timedOut, failure.message, statusForFailure(failure)])
        .toEqual(["response-head", true, "legacy: response-head timed out: Headers Timeout Error", 504]);
    } finally {
      await upstream.close();
    }
  });

  // Each gap (100 ms) is shorter than the response timeout (150 ms), the whole answer much longer.
  it("lets a response that keeps sending outlast the response timeout, and reuses its connection afterwards", async () => {
    const trickle = await startUpstream("trickle", (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const timer = setInterval(() => {
        res.write("x");
        if (++sent === 5) { clearInterval(timer); res.end(); }
      }, 100);
    });
    let connections = 0;
    trickle.server.on("connection", () => { connections += 1; });
    const upstream = createUpstream("legacy", new URL(trickle.url), options({ responseTimeoutMs: 150 }));
    try {
      const body = async () => (await upstream.pool.request({ path: "/t", method: "GET" })).body.text();
      expect([await body(), await body(), await body()]).toEqual(["xxxxx", "xxxxx", "xxxxx"]);
      // undici's pool may open a second connection for a request sent as the first one completes; never one per request.
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      await upstream.close();
      await trickle.close();
    }
  });

  it("closes an idle pooled connection after the idle period", async () => {
    const quick = await startUpstream("quick", (_req, res) => { res.end("ok"); });
    let connections = 0;
    quick.server.on("connection", () => { connections += 1; });
    const upstream = createUpstream("legacy", new URL(quick.url), options({ idleMs: 80 }));
    try {
      const fetchOnce = async () => (await upstream.pool.request({ path: "/q", method: "GET" })).body.text();
      await fetchOnce();
      await fetchOnce();
      const opened = connections;
      expect(upstream.pool.stats.connected).toBe(opened);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(upstream.pool.stats.connected).toBe(0);
      await fetchOnce();
      expect(connections).toBe(opened + 1);
    } finally {
      await upstream.close();
      await quick.close();
    }
  });
});
