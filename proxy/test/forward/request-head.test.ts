// Who the upstream hears the request came from, and for which host: client-IP claims from an untrusted
// peer are removed or overwritten, a trusted proxy's (TRUST_PROXY, CIDR lists included) are kept, and the
// public host always arrives: an HTTP/1.0 request without Host, or one whose Connection names Host, still
// gets one, and X-Forwarded-Host is set. Raw sockets, real upstream, port 0.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { buildRequestHead, setTraceparent } from "../../src/forward/request-head.ts";
import { startTestProxy } from "../support/proxy.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const CLAIMS = "X-Real-IP: 6.6.6.6\r\nTrue-Client-IP: 6.6.6.6\r\nX-Forwarded-Port: 8443\r\nX-Original-URL: /admin\r\nX-Rewrite-URL: /admin\r\n"
  + "CF-Connecting-IP: 6.6.6.6\r\nX-Client-IP: 6.6.6.6\r\nX-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6\r\n";
const CLAIM_NAMES = ["x-real-ip", "true-client-ip", "x-forwarded-port", "x-original-url", "x-rewrite-url", "cf-connecting-ip", "x-client-ip", "x-forwarded-for", "forwarded"];

let legacy: TestUpstream;
const proxies: Record<string, RunningProxy> = {};

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  proxies.untrusted = await startTestProxy({ legacy: legacy.url, env: { PUBLIC_HOST: "shop.example.com" } });
  proxies.outsideList = await startTestProxy({ legacy: legacy.url, env: { TRUST_PROXY: "10.0.0.0/8, 192.168.0.0/16" } });
  proxies.inList = await startTestProxy({ legacy: legacy.url, env: { TRUST_PROXY: "10.0.0.0/8, 127.0.0.0/8" } });
});
afterAll(async () => {
  await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
  await legacy.close();
});

const claimsSeen = () => {
  const headers = legacy.received.at(-1)!.headers;
  return Object.fromEntries(CLAIM_NAMES.map((name) => [name, headers[name]]));
};

describe("client-IP headers", () => {
  it.each(["untrusted", "outsideList"])("removes or overwrites every client claim from a peer that is not trusted (%s)", async (which) => {
    await sendRaw(proxies[which]!.shopUrl, `GET /who HTTP/1.1\r\nHost: shop.test\r\n${CLAIMS}Connection: close\r\n\r\n`);
    expect(claimsSeen()).toEqual({
      "x-real-ip": "127.0.0.1", "true-client-ip": undefined, "x-forwarded-port": undefined, "x-original-url": undefined,
      "x-rewrite-url": undefined, "cf-connecting-ip": undefined, "x-client-ip": undefined, "x-forwarded-for": "127.0.0.1", forwarded: undefined,
    });
  });

  it("keeps the claims of a proxy inside a trusted CIDR range, extending X-Forwarded-For", async () => {
    await sendRaw(proxies.inList!.shopUrl, `GET /who HTTP/1.1\r\nHost: shop.test\r\n${CLAIMS}Connection: close\r\n\r\n`);
    expect(claimsSeen()).toEqual({
      "x-real-ip": "6.6.6.6", "true-client-ip": "6.6.6.6", "x-forwarded-port": "8443", "x-original-url": "/admin",
      "x-rewrite-url": "/admin", "cf-connecting-ip": "6.6.6.6", "x-client-ip": "6.6.6.6", "x-forwarded-for": "6.6.6.6, 127.0.0.1", forwarded: "for=6.6.6.6",
    });
  });
});

describe("the public host always reaches the upstream", () => {
  it("sends PUBLIC_HOST as Host and X-Forwarded-Host for an HTTP/1.0 request without Host", async () => {
    const response = await sendRaw(proxies.untrusted!.shopUrl, "GET /old-client HTTP/1.0\r\n\r\n");
    expect(response.status).toBe(200);
    const got = legacy.received.at(-1)!;
    expect([got.url, got.headers.host, got.headers["x-forwarded-host"]]).toEqual(["/old-client", "shop.example.com", "shop.example.com"]);
  });

  it("sends LEGACY_URL's host when PUBLIC_HOST is not set", async () => {
    await sendRaw(proxies.outsideList!.shopUrl, "GET /old-client HTTP/1.0\r\n\r\n");
    const host = new URL(legacy.url).host;
    expect([legacy.received.at(-1)!.headers.host, legacy.received.at(-1)!.headers["x-forwarded-host"]]).toEqual([host, host]);
  });

  it.each([
    ["Connection: host", "Connection: host\r\n"],
    ["Connection: close, Host, X-Drop", "X-Drop: 1\r\nConnection: close, Host, X-Drop\r\n"],
  ])("keeps the shopper's Host when %s names it", async (_name, extra) => {
    await sendRaw(proxies.untrusted!.shopUrl, `GET /named HTTP/1.1\r\nHost: www.shop.test\r\n${extra}\r\n`, 300);
    const got = legacy.received.at(-1)!;
    expect([got.headers.host, got.headers["x-forwarded-host"], got.headers["x-drop"]]).toEqual(["www.shop.test", "www.shop.test", undefined]);
  });
});

describe("buildRequestHead", () => {
  const input = { remoteAddress: "203.0.113.9", proto: "https", trusted: false, publicHost: "shop.example.com" };

  it("accepts the shopper's headers in order, Host first, the forwarding headers last", () => {
    const head = buildRequestHead({ ...input, headers: { "user-agent": "ua", host: "shop.test", cookie: "a=1; b=2", accept: "*/*", connection: "keep-alive" } });
    expect(head).toEqual([
      "host", "shop.test", "user-agent", "ua", "cookie", "a=1; b=2", "accept", "*/*",
      "x-forwarded-for", "203.0.113.9", "x-forwarded-proto", "https", "x-forwarded-host", "shop.test", "x-real-ip", "203.0.113.9",
    ]);
  });

  it("accepts the trace context and request id the proxy settled, last, instead of the shopper's", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const head = buildRequestHead({ ...input, traceparent, requestId: "req-1", headers: { host: "shop.test", traceparent: "00-junk", "x-request-id": "forged" } });
    expect(head.slice(-4)).toEqual(["traceparent", traceparent, "x-request-id", "req-1"]);
    expect(head.filter((value) => value === "00-junk" || value === "forged")).toEqual([]);
    setTraceparent(head, "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01");
    expect(head.slice(-4)).toEqual(["traceparent", "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01", "x-request-id", "req-1"]);
  });

  it.each([
    ["hop-by-hop headers", { "keep-alive": "timeout=5", te: "trailers", trailer: "x", upgrade: "h2c", "proxy-authorization": "Basic eA==", "transfer-encoding": "chunked" }],
    ["Expect (the proxy answers 100-continue itself)", { expect: "100-continue" }],
    ["the engineer's debug headers", { "x-strangler-debug": "token", "x-strangler-force": "legacy" }],
    ["headers the Connection header names", { connection: "close, X-Secret", "x-secret": "1" }],
  ])("rejects %s", (_name, headers) => {
    const head = buildRequestHead({ ...input, headers: { host: "shop.test", ...headers } });
    expect(head.filter((_, i) => i % 2 === 0)).toEqual(["host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip"]);
  });
});
