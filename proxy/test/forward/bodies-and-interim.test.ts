// What passes through besides plain heads and small bodies: 1xx interim answers, trailers, HEAD, and large
// bodies both ways (100 KB and 50 MB, compared by digest), with real servers on port 0 and raw sockets.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { startTestProxy } from "../support/proxy.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const MB = 1024 * 1024;
const page100k = Buffer.alloc(100 * 1024, "p");
let legacy: TestUpstream;
let bulk: Server;
let bulkUploads: Array<{ bytes: number; sha: string }> = [];
let proxy: RunningProxy;
let bulkProxy: RunningProxy;
let host: string;

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
// 50 MB of a repeating pattern, produced in 1 MB chunks so neither side holds it whole.
const chunkOfPattern = Buffer.alloc(MB, "0123456789abcdef");
const fiftyMbDigest = (() => { const hash = createHash("sha256"); for (let i = 0; i < 50; i++) hash.update(chunkOfPattern); return hash.digest("hex"); })();

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  // The bulk upstream streams: it hashes what it receives and sends 50 MB without buffering it.
  bulk = createServer((req, res) => {
    if (req.method === "POST") {
      const hash = createHash("sha256");
      let bytes = 0;
      req.on("data", (chunk: Buffer) => { hash.update(chunk); bytes += chunk.length; });
      req.on("end", () => { bulkUploads.push({ bytes, sha: hash.digest("hex") }); res.end("stored"); });
      return;
    }
    res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(50 * MB) });
    let sent = 0;
    const pump = () => {
      while (sent < 50 && res.write(chunkOfPattern)) sent += 1;
      if (sent < 50) { sent += 1; res.once("drain", pump); } else res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => bulk.listen(0, "127.0.0.1", resolve));
  proxy = await startTestProxy({ legacy: legacy.url });
  bulkProxy = await startTestProxy({ legacy: `http://127.0.0.1:${(bulk.address() as AddressInfo).port}` });
  host = new URL(proxy.shopUrl).host;
});
afterAll(async () => {
  await Promise.all([proxy.close(), bulkProxy.close()]);
  bulk.closeAllConnections();
  await Promise.all([legacy.close(), new Promise((resolve) => bulk.close(resolve))]);
});

describe("interim (1xx) answers", () => {
  it("relays 103 Early Hints before the final answer", async () => {
    legacy.handle((_req, res) => {
      res.writeEarlyHints({ link: "</static/app.css>; rel=preload; as=style" });
      res.writeHead(200, { "Content-Type": "text/plain" }).end("page");
    });
    const response = await sendRaw(proxy.shopUrl, `GET /hints HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(response.raw).toMatch(/^HTTP\/1\.1 103 Early Hints\r\n[Ll]ink: <\/static\/app\.css>; rel=preload; as=style\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(response.raw).toMatch(/\r\n\r\n4\r\npage\r\n0\r\n\r\n$/);
  });

  it("sends no 1xx to an HTTP/1.0 shopper", async () => {
    const response = await sendRaw(proxy.shopUrl, `GET /hints HTTP/1.0\r\nHost: ${host}\r\n\r\n`);
    expect(response.raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response.raw).not.toContain("103");
  });

  it("answers a shopper's Expect: 100-continue itself and never forwards Expect", async () => {
    legacy.handle((req, res, body) => res.end(`got ${body} expect=${req.headers.expect ?? "none"}`));
    const response = await sendRaw(proxy.shopUrl, `POST /form HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 3\r\nExpect: 100-continue\r\nConnection: close\r\n\r\nabc`);
    expect(response.raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(response.raw.endsWith("got abc expect=none")).toBe(true);
  });
});

describe("trailers", () => {
  it("relays the upstream's trailer fields at the end of a chunked answer", async () => {
    legacy.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain", Trailer: "X-Checksum" });
      res.write("body");
      res.addTrailers({ "X-Checksum": "abc123" });
      res.end();
    });
    const response = await sendRaw(proxy.shopUrl, `GET /trailers HTTP/1.1\r\nHost: ${host}\r\nTE: trailers\r\nConnection: close\r\n\r\n`);
    expect(response.raw).toMatch(/\r\n\r\n4\r\nbody\r\n0\r\nX-Checksum: abc123\r\n\r\n$/);
    expect(response.raw).not.toMatch(/^Trailer:/m); // announced headers are hop-by-hop here: node refuses them unchunked
  });
});

describe("HEAD and large bodies", () => {
  it("answers HEAD for a 100 KB page with its length and no body", async () => {
    legacy.handle((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html", "Content-Length": String(page100k.length) });
      res.end(req.method === "HEAD" ? undefined : page100k);
    });
    const head = await sendRaw(proxy.shopUrl, `HEAD /big HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(head.raw).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Length: 102400\r\n[\s\S]*\r\n\r\n$/);
  });

  it("passes a 100 KB page intact", async () => {
    const response = await fetch(`${proxy.shopUrl}/big`);
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(page100k));
    expect(response.headers.get("content-length")).toBe("102400");
  });

  it("passes a 100 KB request body intact (buffered: above the 64 KiB limit it streams)", async () => {
    legacy.handle((_req, res, body) => res.end(sha(Buffer.from(body))));
    const response = await fetch(`${proxy.shopUrl}/upload`, { method: "POST", body: page100k });
    expect(await response.text()).toBe(sha(page100k));
    expect(legacy.received.at(-1)!.headers["content-length"]).toBe("102400");
  });

  it("streams a 50 MB answer to the shopper intact", async () => {
    const response = await fetch(`${bulkProxy.shopUrl}/huge`);
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of response.body!) { hash.update(chunk); bytes += chunk.length; }
    expect([response.status, bytes, hash.digest("hex")]).toEqual([200, 50 * MB, fiftyMbDigest]);
  });

  it("streams a 50 MB upload to the upstream intact, sent once", async () => {
    bulkUploads = [];
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller: ReadableStreamDefaultController<Uint8Array>) {
        if (sent === 50) { controller.close(); return; }
        sent += 1;
        controller.enqueue(new Uint8Array(chunkOfPattern));
      },
    });
    const response = await fetch(`${bulkProxy.shopUrl}/upload`, { method: "POST", body, duplex: "half" } as RequestInit);
    expect([response.status, await response.text()]).toEqual([200, "stored"]);
    expect(bulkUploads).toEqual([{ bytes: 50 * MB, sha: fiftyMbDigest }]);
  });
});
