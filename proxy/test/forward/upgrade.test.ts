// Upgrades go the same way as requests: a decision, the sticky cookie, header limits, timeouts, an access
// line and the request metrics. Raw sockets against a real proxy and real upstreams on port 0.
import { connect } from "node:net";
import type { Socket } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { closedPortUrl } from "../support/ports.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
const lines: Array<Record<string, unknown>> = [];
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const WS_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

function acceptEcho(upstream: TestUpstream): void {
  upstream.server.removeAllListeners("upgrade");
  upstream.server.on("upgrade", (req, socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen: ${req.url} ${req.headers["x-forwarded-for"]}\r\n\r\n`);
    socket.on("data", (data: Buffer) => socket.write(`echo:${data.toString()}`));
    socket.on("error", () => {});
  });
}

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  acceptEcho(legacy);
  acceptEcho(next);
  // Mid-ramp, so the side depends on the shopper's session and the upgrade's answer carries the sticky cookie.
  plans = await createPlansDir({ "live.yaml": planYaml("live", "  - path: /live/**").replace("percentage: 100", "percentage: 99") });
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  proxy = await startTestProxy({
    legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir,
    env: { MAX_HEADERS_COUNT: "20", UPGRADE_IDLE_TIMEOUT_MS: "400" }, deps: { logger: pino({ level: "info" }, sink) },
  });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

interface Session { socket: Socket; text: () => string; closed: Promise<void> }

function open(shopUrl: string, target: string, extra = ""): Session {
  const socket = connect(Number(new URL(shopUrl).port), "127.0.0.1");
  let text = "";
  socket.on("data", (data) => { text += data.toString("latin1"); });
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.write(`GET ${target} HTTP/1.1\r\nHost: shop.test\r\n${WS_HEADERS}${extra}\r\n`);
  return { socket, text: () => text, closed };
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const requestLine = (path: string) => lines.filter((line) => line.msg === "request" && line.path === path).at(-1);
const metrics = async () => (await fetch(`${proxy.adminUrl}/metrics`, { headers: auth })).text();

describe("a WebSocket upgrade", () => {
  it("gets the sticky cookie where a plan splits shoppers, like a request", async () => {
    const session = open(proxy.shopUrl, "/live/news");
    await until(() => session.text().includes("\r\n\r\n"));
    expect(session.text()).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(session.text()).toMatch(/\r\nSet-Cookie: strangler_sid=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax\r\n/);
    session.socket.end();
    await session.closed;
  });

  it("is decided, relays frames both ways, and shows in the access log and metrics (no plan: no cookie)", async () => {
    const session = open(proxy.shopUrl, "/socket//chat");
    await until(() => session.text().includes("\r\n\r\n"));
    expect(session.text()).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(session.text()).toMatch(/\r\nX-Seen: \/socket\/chat 127\.0\.0\.1\r\n/i);
    expect(session.text()).not.toContain("Set-Cookie");
    session.socket.write("ping");
    await until(() => session.text().includes("echo:ping"));
    session.socket.end();
    await session.closed;
    await until(() => requestLine("/socket/chat") !== undefined);
    expect(requestLine("/socket/chat")).toMatchObject({ method: "GET", status: 101, upstream: "legacy", reason: "no-route" });
    expect(await metrics()).toMatch(/strangler_requests_total\{plan="none",side="legacy",upstream="legacy",reason="no-route",method="read",status="1xx"\} 1\n/);
  });

  it("follows the plans like any request: a planned path goes to the new side, and an engineer sees the decision", async () => {
    const session = open(proxy.shopUrl, "/live/feed", `X-Strangler-Debug: ${ADMIN_TOKEN}\r\nCookie: strangler_sid=AAAAAAAAAAAAAAAAAAAAAA\r\n`);
    await until(() => session.text().includes("\r\n\r\n"));
    expect(session.text()).toContain("X-Strangler-Decision: target=new-frontend; plan=live; route=live#0; reason=rollout\r\n");
    expect(session.text()).not.toContain("Set-Cookie");
    session.socket.destroy();
    await until(() => requestLine("/live/feed") !== undefined);
    expect(requestLine("/live/feed")).toMatchObject({ status: 101, upstream: "new-frontend", plan: "live", reason: "rollout" });
  });

  it("is closed when the tunnel stays silent past UPGRADE_IDLE_TIMEOUT_MS", async () => {
    const session = open(proxy.shopUrl, "/socket/idle");
    await until(() => session.text().includes("\r\n\r\n"));
    const deadline = setTimeout(() => session.socket.destroy(), 5_000);
    const started = performance.now();
    await session.closed;
    clearTimeout(deadline);
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it("relays an upstream that refuses to upgrade as a plain answer on a closing connection", async () => {
    legacy.server.removeAllListeners("upgrade");
    const session = open(proxy.shopUrl, "/socket/none");
    await session.closed;
    acceptEcho(legacy);
    // The test upstream has no upgrade listener now: node answers the request itself through the handler.
    expect(session.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close\r\n/);
    expect(session.text()).toContain("legacy GET /socket/none");
    await until(() => requestLine("/socket/none") !== undefined);
    expect(requestLine("/socket/none")).toMatchObject({ status: 200, upstream: "legacy" });
  });

  it("refuses an upgrade with too many headers (431), logged as refused", async () => {
    // 21 headers: one over MAX_HEADERS_COUNT, the most node's parser lets through for the proxy to count.
    const extra = Array.from({ length: 16 }, (_, i) => `X-H${i}: v\r\n`).join("");
    const session = open(proxy.shopUrl, "/socket/heavy", extra);
    await session.closed;
    expect(session.text()).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    await until(() => requestLine("/socket/heavy") !== undefined);
    expect(requestLine("/socket/heavy")).toMatchObject({ status: 431, reason: "refused", refused: "HEADERS_TOO_MANY" });
  });

  it("answers 502 when the upstream cannot be reached, with the failure stage in the access line", async () => {
    const alone = await startTestProxy({ legacy: await closedPortUrl(), deps: { logger: pino({ level: "info" }, new Writable({ write(chunk, _e, done) { lines.push(JSON.parse(chunk.toString())); done(); } })) } });
    try {
      const session = open(alone.shopUrl, "/socket/down");
      await session.closed;
      expect(session.text()).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
      await until(() => requestLine("/socket/down") !== undefined);
      expect(requestLine("/socket/down")).toMatchObject({ status: 502, upstream: "legacy", failure: "connect" });
    } finally {
      await alone.close();
    }
  });
});
