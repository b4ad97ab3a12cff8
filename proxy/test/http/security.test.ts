// Raw requests written on a socket, exactly as an attacker would send them, through a real proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startTestProxy } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let proxy: RunningProxy;
let host: string;

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  proxy = await startTestProxy({ legacy: legacy.url, env: { MAX_HEADERS_COUNT: "30", MAX_HEADER_SIZE: "4096" } });
  host = new URL(proxy.shopUrl).host;
});
afterAll(async () => {
  await proxy.close();
  await legacy.close();
});

const get = (target: string, extra = "") => `GET ${target} HTTP/1.1\r\nHost: HOST\r\n${extra}Connection: close\r\n\r\n`;

async function send(request: string) {
  const before = legacy.received.length;
  const response = await sendRaw(proxy.shopUrl, request.replaceAll("HOST", host));
  return { ...response, forwarded: legacy.received.slice(before) };
}

describe("accepted raw requests", () => {
  it.each([
    ["a plain path", get("/joust-duffle-bag.html"), "/joust-duffle-bag.html"],
    ["repeated slashes, normalized", get("//a///b"), "/a/b"],
    ["dot segments, normalized", get("/a/./b/../c"), "/a/c"],
    ["encoded unreserved characters, decoded", get("/%6a%6f%75st.html"), "/joust.html"],
    ["a query, passed unchanged", get("/catalogsearch/result/?q=a%2Fb&x=%00"), "/catalogsearch/result/?q=a%2Fb&x=%00"],
    ["absolute-form for the shop's own host", get("http://HOST/a//b?x=1"), "/a/b?x=1"],
    ["a chunked POST body", "POST /form HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "/form"],
  ])("accepts %s", async (_name, request, upstreamUrl) => {
    const response = await send(request);
    expect(response.status).toBe(200);
    expect(response.forwarded.map((r) => r.url)).toEqual([upstreamUrl]);
  });
});

describe("refused WebSocket upgrades", () => {
  it.each([["an encoded slash", "/ws%2f..%2fadmin"], ["an encoded dot segment", "/ws/%2e%2e/admin"]])("refuses an upgrade with %s", async (_name, target) => {
    const response = await send(`GET ${target} HTTP/1.1\r\nHost: HOST\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    expect(response.status).toBe(400);
    expect(response.forwarded).toEqual([]);
  });
});

describe("refused raw requests", () => {
  it.each([
    ["an encoded slash", get("/a%2fb"), 400],
    ["an encoded backslash", get("/a%5Cb"), 400],
    ["an encoded dot-dot segment", get("/a/%2e%2e/admin"), 400],
    ["an encoded NUL", get("/a%00.html"), 400],
    ["overlong UTF-8", get("/%c0%ae%c0%ae/etc"), 400],
    ["invalid UTF-8", get("/%ff%fe"), 400],
    ["a raw backslash", get("/a\\b"), 400],
    ["absolute-form for another host", get("http://evil.example/steal"), 400],
    ["absolute-form for another port of the shop", get("http://127.0.0.1:1/x"), 400],
    ["the asterisk form", "OPTIONS * HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n", 400],
    ["CONNECT", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n", 405],
    ["a missing Host", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400],
    ["Content-Length with Transfer-Encoding", "POST /x HTTP/1.1\r\nHost: HOST\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", 400],
    ["two different Content-Lengths", "POST /x HTTP/1.1\r\nHost: HOST\r\nContent-Length: 3\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd", 400],
    ["a non-chunked final Transfer-Encoding", "POST /x HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: chunked, identity\r\nConnection: close\r\n\r\n0\r\n\r\n", 400],
    ["an obfuscated Transfer-Encoding", "POST /x HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding : chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", 400],
    ["a bare LF line ending", "GET /x HTTP/1.1\nHost: HOST\nConnection: close\n\n", 400],
    ["a header over the size limit", get("/x", `X-Big: ${"a".repeat(5000)}\r\n`), 431],
    ["too many headers", get("/x", Array.from({ length: 40 }, (_, i) => `X-H${i}: v\r\n`).join("")), 431],
  ])("refuses %s", async (_name, request, status) => {
    const response = await send(request);
    expect(response.status).toBe(status);
    expect(response.forwarded).toEqual([]);
    expect(response.raw).not.toMatch(/at .*\.ts:\d+|Error:/);
  });
});
