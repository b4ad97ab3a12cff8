// A legacy upstream that closes every keep-alive connection once it has answered on it: the next request
// the proxy writes on that pooled socket meets a reset before any response byte, as when the upstream's
// idle timeout fires just as the request is sent. GET/HEAD are sent again on a fresh connection; a POST
// is never sent twice.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { startTestProxy } from "../support/proxy.ts";

let legacy: Server;
let proxy: RunningProxy;
const seen: string[] = [];
let reset = 0;

beforeAll(async () => {
  const answered = new WeakSet<object>();
  legacy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (answered.has(req.socket)) {
      reset += 1;
      req.socket.destroy(); // closed while idle, from the proxy's side: the request meets a dead socket
      return;
    }
    answered.add(req.socket);
    req.resume();
    req.on("end", () => res.end(`legacy ${req.method} ${req.url}`));
  });
  await new Promise<void>((resolve) => legacy.listen(0, "127.0.0.1", resolve));
  proxy = await startTestProxy({ legacy: `http://127.0.0.1:${(legacy.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await proxy.close();
  legacy.closeAllConnections();
  await new Promise((resolve) => legacy.close(resolve));
});

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("a request on a keep-alive socket the upstream had just closed", () => {
  it("retries a GET once on a fresh connection: 20 sequential GETs all answer 200", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${proxy.shopUrl}/page/${i}`);
      expect(await response.text()).toBe(`legacy GET /page/${i}`);
      statuses.push(response.status);
      await pause();
    }
    expect(statuses).toEqual(new Array(20).fill(200));
    // Every other GET met the socket the previous one left in the pool, then went through a fresh one.
    expect(reset).toBe(10);
    expect(seen.filter((line) => line.endsWith(" /page/3"))).toEqual(["GET /page/3", "GET /page/3"]);
    expect(seen.filter((line) => line.endsWith(" /page/4"))).toEqual(["GET /page/4"]);
  });

  it("retries a HEAD the same way", async () => {
    await (await fetch(`${proxy.shopUrl}/warm-head`)).arrayBuffer(); // leaves one answered socket in the pool
    const before = reset;
    await pause();
    const response = await fetch(`${proxy.shopUrl}/head`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(reset).toBe(before + 1);
    expect(seen.filter((line) => line === "HEAD /head")).toEqual(["HEAD /head", "HEAD /head"]);
  });

  it("never sends a POST twice: the shopper gets the 502 page", async () => {
    const warm = await fetch(`${proxy.shopUrl}/warm`); // leaves one answered socket in the pool
    await warm.arrayBuffer();
    const before = reset;
    await pause();
    const response = await fetch(`${proxy.shopUrl}/checkout/post`, { method: "POST", body: "a=1" });
    await response.arrayBuffer();
    expect(reset).toBe(before + 1);
    expect(response.status).toBe(502);
    expect(seen.filter((line) => line === "POST /checkout/post")).toEqual(["POST /checkout/post"]);
  });
});
