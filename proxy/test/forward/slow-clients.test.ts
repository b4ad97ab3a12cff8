// Slow and greedy shoppers starve no one: bodies are read before an upstream connection is taken and must
// keep a minimum rate (408), a request waits a bounded time for a connection (503), and a shopper who stops
// reading is cut after the send timeout, giving its connection back. Everything here is bounded in time.
import { connect } from "node:net";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, startTestProxy } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let legacy: TestUpstream;
let upstreamRequests: string[] = [];
let release: Array<() => void> = [];

beforeAll(async () => {
  legacy = await startUpstream("legacy", (req, res) => {
    if (req.url === "/hold") { release.push(() => res.end("held")); return; }
    if (req.url === "/huge") {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, "h");
      let sent = 0;
      const pump = () => { while (sent < 320 && res.write(chunk)) sent += 1; if (sent < 320) { sent += 1; res.once("drain", pump); } else res.end(); };
      pump();
      return;
    }
    res.end(`legacy ${req.method} ${req.url}`);
  });
  legacy.server.on("request", (req) => upstreamRequests.push(`${req.method} ${req.url}`));
});
afterAll(() => legacy.close());

const metricsOf = async (proxy: RunningProxy) => (await fetch(`${proxy.adminUrl}/metrics`, { headers: auth })).text();

interface Trickler { socket: Socket; response: Promise<string> }

/** A POST whose head arrives at once and whose body arrives one byte a second. */
function trickle(shopUrl: string, contentLength: number): Trickler {
  const { port } = new URL(shopUrl);
  const socket = connect(Number(port), "127.0.0.1");
  let raw = "";
  const response = new Promise<string>((resolve) => {
    const timer = setInterval(() => { if (socket.writable) socket.write("x"); }, 1_000);
    socket.on("data", (data) => { raw += data.toString("latin1"); });
    socket.on("close", () => { clearInterval(timer); resolve(raw); });
    socket.on("error", () => {});
  });
  socket.write(`POST /checkout/slow HTTP/1.1\r\nHost: shop.test\r\nContent-Type: text/plain\r\nContent-Length: ${contentLength}\r\n\r\nx`);
  return { socket, response };
}

describe("300 shoppers trickling POST bodies at one byte a second", () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({
      legacy: legacy.url,
      env: { KEEP_ALIVE_SOCKETS: "2", REQUEST_BODY_MIN_RATE: "100", REQUEST_BODY_RATE_WINDOW_MS: "1000" },
    });
  });
  afterAll(() => proxy.close());

  it("starve no one: another shopper's GET is answered within 1 s, and every trickler ends with 408", async () => {
    upstreamRequests = [];
    // Half declare a body under the 64 KiB buffer, half one far over it (streamed once 64 KiB have arrived).
    const tricklers = Array.from({ length: 300 }, (_, i) => trickle(proxy.shopUrl, i % 2 === 0 ? 1_000 : 1_000_000));
    const deadline = setTimeout(() => { for (const t of tricklers) t.socket.destroy(); }, 8_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    const response = await fetch(`${proxy.shopUrl}/catalog/page`, { signal: AbortSignal.timeout(1_000) });
    const elapsed = performance.now() - started;
    expect([response.status, await response.text()]).toEqual([200, "legacy GET /catalog/page"]);
    expect(elapsed).toBeLessThan(1_000);
    const answers = await Promise.all(tricklers.map((t) => t.response));
    clearTimeout(deadline);
    expect(answers.filter((raw) => raw.startsWith("HTTP/1.1 408 Request Timeout\r\n"))).toHaveLength(300);
    expect(answers.every((raw) => raw.includes("Your request arrived too slowly"))).toBe(true);
    expect(upstreamRequests).toEqual(["GET /catalog/page"]);
    const { decisions } = await (await fetch(`${proxy.adminUrl}/decisions?limit=1`, { headers: auth })).json() as { decisions: unknown[] };
    expect(decisions).toEqual([expect.objectContaining({ method: "POST", path: "/checkout/slow", status: 408, failure: "request-body" })]);
  });

  it("ends a large body that slows down after the first 64 KiB with 408, the upstream's request cut", async () => {
    upstreamRequests = [];
    const { port } = new URL(proxy.shopUrl);
    const socket = connect(Number(port), "127.0.0.1");
    let raw = "";
    const closed = new Promise<void>((resolve) => { socket.on("close", () => resolve()); socket.on("error", () => {}); });
    socket.on("data", (data) => { raw += data.toString("latin1"); });
    socket.write(`POST /upload/slow HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 1000000\r\n\r\n`);
    socket.write(Buffer.alloc(100 * 1024, "f"));
    const deadline = setTimeout(() => socket.destroy(), 6_000);
    await closed;
    clearTimeout(deadline);
    expect(raw).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(upstreamRequests).toEqual(["POST /upload/slow"]);
  });
});

describe("waiting for an upstream connection", () => {
  let proxy: RunningProxy;
  let noQueue: RunningProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({ legacy: legacy.url, env: { KEEP_ALIVE_SOCKETS: "1", UPSTREAM_QUEUE_TIMEOUT_MS: "300" } });
    noQueue = await startTestProxy({ legacy: legacy.url, env: { KEEP_ALIVE_SOCKETS: "1", UPSTREAM_QUEUE_LENGTH: "0" } });
  });
  afterAll(async () => {
    for (const done of release) done();
    await Promise.all([proxy.close(), noQueue.close()]);
  });

  it("gives a request that waited past the bound the 503 page, and shows pool, queue and waits as metrics", async () => {
    release = [];
    const held = fetch(`${proxy.shopUrl}/hold`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const refused = await fetch(`${proxy.shopUrl}/other`);
    expect([refused.status, performance.now() - started >= 250]).toEqual([503, true]);
    expect(await refused.text()).toContain("The shop is busy");
    const queued = fetch(`${proxy.shopUrl}/queued`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await metricsOf(proxy);
    expect(during).toContain('strangler_upstream_pool_size{upstream="legacy"} 1');
    expect(during).toContain('strangler_upstream_in_flight{upstream="legacy"} 1');
    expect(during).toContain('strangler_upstream_queue_length{upstream="legacy"} 1');
    release.shift()!();
    expect(await (await held).text()).toBe("held");
    expect(await (await queued).text()).toBe("legacy GET /queued");
    const after = await metricsOf(proxy);
    expect(after).toContain('strangler_upstream_queue_wait_seconds_count{upstream="legacy",result="timeout"} 1');
    expect(after).toContain('strangler_upstream_queue_wait_seconds_count{upstream="legacy",result="granted"} 1');
    expect(after).toContain('strangler_upstream_in_flight{upstream="legacy"} 0');
  });

  it("refuses at once when the queue is full (UPSTREAM_QUEUE_LENGTH=0)", async () => {
    release = [];
    const held = fetch(`${noQueue.shopUrl}/hold`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await fetch(`${noQueue.shopUrl}/other`);
    expect(refused.status).toBe(503);
    const { decisions } = await (await fetch(`${noQueue.adminUrl}/decisions?limit=1`, { headers: auth })).json() as { decisions: unknown[] };
    expect(decisions).toEqual([expect.objectContaining({ path: "/other", status: 503, failure: "queue" })]);
    release.shift()!();
    await (await held).text();
  });
});

describe("a shopper who stops reading", () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startTestProxy({ legacy: legacy.url, env: { KEEP_ALIVE_SOCKETS: "1", SEND_TIMEOUT_MS: "300" } });
  });
  afterAll(() => proxy.close());

  it("is cut after the send timeout, and its upstream connection serves the next shopper", async () => {
    const { port } = new URL(proxy.shopUrl);
    const socket = connect({ port: Number(port), host: "127.0.0.1" });
    let received = 0;
    let closedAt = Infinity;
    const closed = new Promise<void>((resolve) => { socket.on("close", () => { closedAt = performance.now(); resolve(); }); socket.on("error", () => {}); });
    socket.on("data", (data: Buffer) => { received += data.length; });
    socket.pause(); // reads nothing: the kernel buffers fill, then the proxy's
    socket.write("GET /huge HTTP/1.1\r\nHost: shop.test\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Reading again now drains what the kernel still held and then meets the end of a cut connection.
    const resumedAt = performance.now();
    socket.resume();
    const deadline = setTimeout(() => socket.destroy(), 5_000);
    await closed;
    clearTimeout(deadline);
    expect(closedAt - resumedAt).toBeLessThan(4_000);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(20 * 1024 * 1024);
    const next = await fetch(`${proxy.shopUrl}/after`, { signal: AbortSignal.timeout(2_000) });
    expect(await next.text()).toBe("legacy GET /after");
    expect(await metricsOf(proxy)).toContain('strangler_upstream_in_flight{upstream="legacy"} 0');
  });
});
