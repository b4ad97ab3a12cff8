// What upstreams receive and what shoppers get back, asserted on real servers on port 0.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startUpstream, textHandler } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
let host: string;
let upstreamConnections = 0;

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  legacy.server.on("connection", () => { upstreamConnections += 1; });
  plans = await createPlansDir({ "new.yaml": planYaml("new-pages", "  - path: /new/**\n    methods: [GET, HEAD, POST]") });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir });
  host = new URL(proxy.shopUrl).host;
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

const last = (upstream: TestUpstream) => upstream.received[upstream.received.length - 1]!;
const rawHeader = (raw: string[], name: string) => raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === name);

describe("requests reach the upstream unchanged", () => {
  it("passes cookies and other headers byte for byte and keeps the shopper's Host", async () => {
    const cookie = "PHPSESSID=abc123;  form_key=Zx9%2F ; mage-cache-sessid=true; strangler_sid=AAAAAAAAAAAAAAAAAAAAAA";
    await sendRaw(proxy.shopUrl, `GET /customer/account/ HTTP/1.1\r\nHost: shop.example.com\r\nCookie: ${cookie}\r\nX-Custom:  spaced value\r\nAccept-Language: fr-CH, fr;q=0.9\r\nConnection: close\r\n\r\n`);
    const got = last(legacy);
    expect(got.url).toBe("/customer/account/");
    expect(rawHeader(got.rawHeaders, "cookie")).toEqual([cookie]);
    expect(got.headers.host).toBe("shop.example.com");
    expect(got.headers["x-custom"]).toBe("spaced value");
    expect(got.headers["accept-language"]).toBe("fr-CH, fr;q=0.9");
    expect(got.headers["x-forwarded-host"]).toBe("shop.example.com");
    expect(got.headers["x-forwarded-proto"]).toBe("http");
    expect(got.headers["x-forwarded-for"]).toBe("127.0.0.1");
  });

  it("keeps the shopper's header order and values; undici's own Host and Connection come first", async () => {
    await sendRaw(proxy.shopUrl, `GET /order HTTP/1.1\r\nHost: ${host}\r\nX-Zeta: 1\r\nAccept: */*\r\nX-Alpha:  two  words \r\nCookie: b=2; a=1\r\nX-Mid: 3\r\nConnection: close\r\n\r\n`);
    const raw = last(legacy).rawHeaders;
    expect(raw).toEqual([
      "host", host, "connection", "keep-alive", "x-zeta", "1", "accept", "*/*", "x-alpha", "two  words", "cookie", "b=2; a=1", "x-mid", "3",
      "x-forwarded-for", "127.0.0.1", "x-forwarded-proto", "http", "x-forwarded-host", host, "x-real-ip", "127.0.0.1",
      "traceparent", expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/), "x-request-id", expect.stringMatching(/^[0-9a-f-]{36}$/),
    ]);
  });

  it("replaces X-Forwarded-* sent by an untrusted client", async () => {
    await sendRaw(proxy.shopUrl, `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\nForwarded: for=6.6.6.6\r\nConnection: close\r\n\r\n`);
    const got = last(legacy);
    expect([got.headers["x-forwarded-for"], got.headers["x-forwarded-proto"], got.headers["x-forwarded-host"], got.headers.forwarded])
      .toEqual(["127.0.0.1", "http", host, undefined]);
  });

  it("strips hop-by-hop headers and the ones Connection names, and never forwards the debug headers", async () => {
    await sendRaw(proxy.shopUrl, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close, X-Drop-Me\r\nX-Drop-Me: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic eA==\r\nUpgrade: h2c\r\nX-Strangler-Debug: ${ADMIN_TOKEN}\r\nX-Strangler-Force: legacy\r\nX-Keep: yes\r\n\r\n`);
    const names = last(legacy).rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    for (const dropped of ["x-drop-me", "keep-alive", "te", "proxy-authorization", "upgrade", "x-strangler-debug", "x-strangler-force"]) {
      expect(names).not.toContain(dropped);
    }
    expect(names).toContain("x-keep");
  });

  it("reuses keep-alive connections to the upstream", async () => {
    const before = upstreamConnections;
    for (let i = 0; i < 20; i++) await fetch(`${proxy.shopUrl}/ka-${i}`).then((r) => r.text());
    expect(upstreamConnections - before).toBeLessThanOrEqual(1);
  });
});

describe("responses reach the shopper", () => {
  it("strips hop-by-hop response headers and keeps the rest in order, repeated Set-Cookie included", async () => {
    legacy.handle((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/plain", "Connection", "X-Secret", "X-Secret", "internal", "Keep-Alive", "timeout=1", "Set-Cookie", "a=1; Path=/", "Set-Cookie", "b=2; Path=/", "X-Order", "last"]);
      res.end("ok");
    });
    const response = await sendRaw(proxy.shopUrl, `GET /r HTTP/1.1\r\nHost: ${host}\r\nCookie: strangler_sid=AAAAAAAAAAAAAAAAAAAAAA\r\nConnection: close\r\n\r\n`);
    expect(response.raw).not.toMatch(/x-secret|timeout=1/i);
    expect(response.raw).toMatch(/Set-Cookie: a=1; Path=\/\r\nSet-Cookie: b=2; Path=\/\r\nX-Order: last\r\n/);
  });

  it("answers HEAD without a body and passes 304", async () => {
    legacy.handle((req, res) => {
      if (req.headers["if-none-match"] === '"v1"') { res.writeHead(304, { ETag: '"v1"' }); res.end(); return; }
      res.writeHead(200, { "Content-Length": "5", ETag: '"v1"' });
      res.end(req.method === "HEAD" ? undefined : "hello");
    });
    const head = await sendRaw(proxy.shopUrl, `HEAD /h HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(head.raw).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Length: 5\r\n[\s\S]*\r\n\r\n$/);
    const notModified = await fetch(`${proxy.shopUrl}/h`, { headers: { "if-none-match": '"v1"' } });
    expect(notModified.status).toBe(304);
  });

  it("streams a chunked response: the first chunk arrives before the upstream has finished", async () => {
    let finish: () => void = () => {};
    legacy.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("first;");
      finish = () => res.end("last");
    });
    const response = await fetch(`${proxy.shopUrl}/stream`);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first;");
    finish();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe("last");
  });

  it("streams a large request body to the upstream and back, intact", async () => {
    legacy.handle((req, res, body) => { res.writeHead(200, { "Content-Type": "application/octet-stream" }); res.end(body); });
    const body = "x".repeat(3 * 1024 * 1024) + "end";
    const response = await fetch(`${proxy.shopUrl}/upload`, { method: "POST", body });
    expect(await response.text()).toBe(body);
    expect(last(legacy).headers["content-length"]).toBe(String(body.length));
  });
});

describe("the new side's address never leaks", () => {
  it("rewrites Location and Set-Cookie Domain from the new side to the public host", async () => {
    const newHost = new URL(next.url);
    next.handle((_req, res) => {
      res.writeHead(302, [
        "Location", `${next.url}/new/target?x=1`,
        "Set-Cookie", `session=1; Domain=${newHost.hostname}; Path=/; HttpOnly`,
        "Set-Cookie", "other=2; Domain=cdn.example; Path=/",
      ]);
      res.end();
    });
    const response = await sendRaw(proxy.shopUrl, `GET /new/page HTTP/1.1\r\nHost: shop.example.com:8443\r\nConnection: close\r\n\r\n`);
    expect(response.raw).toContain("Location: http://shop.example.com:8443/new/target?x=1\r\n");
    expect(response.raw).toContain("Set-Cookie: session=1; Domain=shop.example.com; Path=/; HttpOnly\r\n");
    expect(response.raw).toContain("Set-Cookie: other=2; Domain=cdn.example; Path=/\r\n");
    expect(last(next).headers.host).toBe("shop.example.com:8443");
  });

  it("leaves legacy's Location alone (Magento already speaks the public host)", async () => {
    legacy.handle((_req, res) => { res.writeHead(301, { Location: `${legacy.url}/elsewhere` }); res.end(); });
    const response = await sendRaw(proxy.shopUrl, `GET /old HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(response.raw).toContain(`Location: ${legacy.url}/elsewhere\r\n`);
  });
});

describe("session cookie and debug header", () => {
  it("gives no strangler_sid where no plan splits shoppers (see caches-in-front.test.ts for where it does)", async () => {
    legacy.handle((_req, res) => res.end("ok"));
    next.handle(textHandler("new"));
    for (const path of ["/", "/new/x"]) expect((await fetch(`${proxy.shopUrl}${path}`)).headers.get("set-cookie")).toBeNull();
  });

  it("shows the decision only to a request carrying the admin token", async () => {
    next.handle(textHandler("new"));
    const engineer = await fetch(`${proxy.shopUrl}/new/x`, { headers: { "x-strangler-debug": ADMIN_TOKEN } });
    expect(engineer.headers.get("x-strangler-decision")).toBe("target=new-frontend; plan=new-pages; route=new-pages#0; reason=rollout");
    const shopper = await fetch(`${proxy.shopUrl}/new/x`, { headers: { "x-strangler-debug": "guess" } });
    expect(shopper.headers.get("x-strangler-decision")).toBeNull();
  });

  it("lets an engineer force a target with X-Strangler-Force", async () => {
    const forced = await fetch(`${proxy.shopUrl}/new/x`, { headers: { "x-strangler-debug": ADMIN_TOKEN, "x-strangler-force": "legacy" } });
    expect(forced.headers.get("x-strangler-decision")).toBe("target=legacy; plan=-; route=-; reason=forced");
    const ignored = await fetch(`${proxy.shopUrl}/new/x`, { headers: { "x-strangler-force": "legacy" } });
    expect(await ignored.text()).toMatch(/^new /);
  });
});

describe("WebSocket upgrades", () => {
  it("passes an upgrade through to the upstream and relays frames both ways", async () => {
    legacy.server.once("upgrade", (req, socket) => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Path: ${req.url}\r\n\r\n`);
      socket.on("data", (data: Buffer) => socket.write(`echo:${data.toString()}`));
    });
    const { port } = new URL(proxy.shopUrl);
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    const echoed = new Promise<void>((resolve) => socket.on("data", (data) => {
      received += data.toString();
      if (received.includes("\r\n\r\n") && !received.includes("echo:")) socket.write("ping");
      if (received.includes("echo:ping")) resolve();
    }));
    socket.write(`GET /ws//live HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await echoed;
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(received).toMatch(/x-seen-path: \/ws\/live\r\n/i);
  });
});

describe("behind a trusted load balancer (TRUST_PROXY=loopback)", () => {
  let trusting: RunningProxy;
  beforeAll(async () => {
    trusting = await startTestProxy({ legacy: legacy.url, env: { TRUST_PROXY: "loopback" } });
  });
  afterAll(() => trusting.close());

  it("extends X-Forwarded-For and keeps the balancer's proto and host", async () => {
    legacy.handle(textHandler("legacy"));
    const response = await fetch(`${trusting.shopUrl}/lb`, {
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "shop.example.com" },
    });
    const got = last(legacy);
    expect([got.headers["x-forwarded-for"], got.headers["x-forwarded-proto"], got.headers["x-forwarded-host"]])
      .toEqual(["203.0.113.9, 127.0.0.1", "https", "shop.example.com"]);
    expect(response.status).toBe(200);
  });
});
