// Requests refused before routing, through a real proxy with raw sockets: methods a shop does not use
// (PURGE, BAN, TRACE…) get 405 and never reach legacy; node's parser refusals (431, 400) and our own each get
// an access line and a metric.
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, startTestProxy } from "../support/proxy.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let proxy: RunningProxy;
let purging: RunningProxy;
const lines: Array<Record<string, unknown>> = [];
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  proxy = await startTestProxy({ legacy: legacy.url, env: { MAX_HEADER_SIZE: "4096" }, deps: { logger: pino({ level: "info" }, sink) } });
  purging = await startTestProxy({ legacy: legacy.url, env: { ALLOWED_METHODS: "GET,HEAD,PURGE" } });
});
afterAll(async () => {
  await Promise.all([proxy.close(), purging.close()]);
  await legacy.close();
});

const request = (method: string, target = "/catalog/page.html") => `${method} ${target} HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n`;
const lastLine = async () => {
  await new Promise((resolve) => setTimeout(resolve, 30));
  return lines.filter((line) => line.msg === "request").at(-1);
};

describe("methods a shop does not use", () => {
  it.each([
    ["PURGE", "METHOD_NOT_ALLOWED"], // a method node's parser knows: refused by the proxy
    ["BAN", "HPE_INVALID_METHOD"], // one it does not: refused from the parser's error
    ["TRACE", "METHOD_NOT_ALLOWED"],
    ["PATCH", "METHOD_NOT_ALLOWED"],
    ["PROPFIND", "METHOD_NOT_ALLOWED"],
  ])("rejects %s with 405 and an Allow header; legacy never sees it; the access line says why", async (method, code) => {
    const before = legacy.received.length;
    const response = await sendRaw(proxy.shopUrl, request(method));
    expect(response.status).toBe(405);
    expect(response.raw).toContain("Allow: GET, HEAD, POST, PUT, DELETE, OPTIONS\r\n");
    expect(legacy.received.length).toBe(before);
    expect(await lastLine()).toMatchObject({ method, path: "/catalog/page.html", status: 405, reason: "refused", refused: code });
  });

  it.each(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"])("accepts %s by default", async (method) => {
    const response = await sendRaw(proxy.shopUrl, method === "POST" || method === "PUT"
      ? `${method} /x HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n` : request(method, "/x"));
    expect(response.status).toBe(200);
    expect(legacy.received.at(-1)!.method).toBe(method);
  });

  it("lets the allowed list be configured (ALLOWED_METHODS)", async () => {
    expect((await sendRaw(purging.shopUrl, request("PURGE"))).status).toBe(200);
    expect(legacy.received.at(-1)!.method).toBe("PURGE");
    const refused = await sendRaw(purging.shopUrl, request("POST"));
    expect([refused.status, refused.raw.includes("Allow: GET, HEAD, PURGE\r\n")]).toEqual([405, true]);
  });
});

describe("refusals before routing get an access line and a metric", () => {
  it.each([
    ["headers over the size limit", `GET /big HTTP/1.1\r\nHost: shop.test\r\nX-Big: ${"a".repeat(5000)}\r\n\r\n`, 431, "HPE_HEADER_OVERFLOW", "/big"],
    ["a bare LF line ending", "GET /lf HTTP/1.1\nHost: shop.test\n\n", 400, "HPE_INVALID_VERSION", "/lf"],
    ["Content-Length with Transfer-Encoding", "POST /smuggle HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "HPE_INVALID_TRANSFER_ENCODING", "/smuggle"],
    ["a missing Host (HTTP/1.1)", "GET /nohost HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "HOST_MISSING", "/nohost"],
    ["CONNECT", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n", 405, "METHOD_CONNECT", "evil.example:443"],
  ])("refuses %s", async (_name, raw, status, code, path) => {
    const response = await sendRaw(proxy.shopUrl, raw);
    expect(response.status).toBe(status);
    expect(await lastLine()).toMatchObject({ path, status, upstream: "-", reason: "refused", refused: code });
    const metrics = await (await fetch(`${proxy.adminUrl}/metrics`, { headers: auth })).text();
    expect(metrics).toMatch(new RegExp(`strangler_refusals_total\\{code="${code}"\\} [1-9]`));
    expect(metrics).toMatch(/strangler_requests_total\{plan="none",side="none",upstream="none",reason="refused",method="[a-z]+",status="4xx"\} [1-9]/);
  });
});
