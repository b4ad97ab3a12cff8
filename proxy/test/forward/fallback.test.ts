// The new side failing in every way a real one does, with legacy catching GET/HEAD and never a POST.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { closedPortUrl } from "../support/ports.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startUpstream, textHandler } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
const debug = { "x-strangler-debug": ADMIN_TOKEN };

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  plans = await createPlansDir({ "new.yaml": planYaml("new-pages", "  - path: /new/**\n    methods: [GET, HEAD, POST]") });
  proxy = await startTestProxy({
    legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir,
    env: { RESPONSE_TIMEOUT_MS: "300", FIRST_BYTE_TIMEOUT_MS: "300", CIRCUIT_FAILURES: "1000" },
  });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

function counts() {
  return { legacy: legacy.received.length, next: next.received.length };
}

describe("GET and HEAD fall back to legacy before the first byte", () => {
  it.each([
    ["answers 503", (_req: unknown, res: ServerResponse) => { res.writeHead(503); res.end("down"); }, 1],
    ["answers 500 with a body", (_req: unknown, res: ServerResponse) => { res.writeHead(500, { "Content-Type": "text/html" }); res.end("<h1>boom</h1>"); }, 1],
    // The reset meets the keep-alive socket the 500 above left in the pool: like a socket the new side had
    // just closed, it is first sent again on a fresh connection (reset too), then legacy answers.
    ["resets the connection", (req: IncomingMessage) => { req.socket.destroy(); }, 2],
    ["is slower than the response timeout", (_req: unknown, res: ServerResponse) => { setTimeout(() => res.end("too late"), 1_500).unref(); }, 1],
  ])("when the new side %s", async (_name, handler, sentToNext) => {
    next.handle(handler as never);
    const before = counts();
    const response = await fetch(`${proxy.shopUrl}/new/page`, { headers: debug });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("legacy GET /new/page");
    expect(response.headers.get("x-strangler-decision")).toBe("target=legacy; plan=new-pages; route=new-pages#0; reason=fallback");
    expect(counts()).toEqual({ legacy: before.legacy + 1, next: before.next + sentToNext });
  });

  it("replays a HEAD too", async () => {
    next.handle((_req, res) => { res.writeHead(502); res.end(); });
    const response = await fetch(`${proxy.shopUrl}/new/page`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(legacy.received.at(-1)!.method).toBe("HEAD");
  });

  it("cuts the shopper's connection when the new side dies mid-body (no spliced page, no hang)", async () => {
    next.handle((req, res) => {
      res.writeHead(200, { "Content-Length": "1000" });
      res.write("partial");
      setTimeout(() => req.socket.destroy(), 20);
    });
    const response = await fetch(`${proxy.shopUrl}/new/page`);
    await expect(response.text()).rejects.toThrow();
  });
});

describe("a new side that stalls mid-body", () => {
  it("is cut after the response timeout instead of hanging the shopper", async () => {
    next.handle((_req, res) => {
      res.writeHead(200, { "Content-Length": "1000" });
      res.write("partial");
    });
    const response = await fetch(`${proxy.shopUrl}/new/stall`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });
});

describe("non-idempotent requests are never sent twice", () => {
  it("gives a POST the new side's own 500, and the new side counts exactly one POST", async () => {
    next.handle((_req, res) => { res.writeHead(500, { "Content-Type": "text/plain" }); res.end("new side error"); });
    const before = counts();
    const response = await fetch(`${proxy.shopUrl}/new/form`, { method: "POST", body: "a=1" });
    expect([response.status, await response.text()]).toEqual([500, "new side error"]);
    expect(counts()).toEqual({ legacy: before.legacy, next: before.next + 1 });
    expect(next.received.at(-1)).toMatchObject({ method: "POST", body: "a=1" });
  });

  it("gives a POST whose connection was reset a 502 page, sent once", async () => {
    next.handle((req) => { req.socket.destroy(); });
    const before = counts();
    const response = await fetch(`${proxy.shopUrl}/new/form`, { method: "POST", body: "a=2" });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("The shop is temporarily unavailable");
    expect(counts()).toEqual({ legacy: before.legacy, next: before.next + 1 });
  });

  it("gives a POST that timed out a 504 page, sent once", async () => {
    next.handle(() => {});
    const before = counts();
    const response = await fetch(`${proxy.shopUrl}/new/form`, { method: "POST", body: "a=3" });
    expect(response.status).toBe(504);
    expect(counts()).toEqual({ legacy: before.legacy, next: before.next + 1 });
  });

  it("does not replay a GET that carries a body", async () => {
    next.handle((_req, res) => { res.writeHead(503); res.end("no"); });
    const { port } = new URL(proxy.shopUrl);
    const before = counts();
    const response = await sendRaw(`http://127.0.0.1:${port}`, `GET /new/x HTTP/1.1\r\nHost: shop\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`);
    expect(response.status).toBe(503);
    expect(counts()).toEqual({ legacy: before.legacy, next: before.next + 1 });
  });
});

describe("with the new side gone", () => {
  let gone: RunningProxy;
  beforeAll(async () => {
    gone = await startTestProxy({ legacy: legacy.url, newFrontend: await closedPortUrl(), plansDir: plans.dir, env: { CIRCUIT_FAILURES: "1000" } });
  });
  afterAll(() => gone.close());

  it("serves GET from legacy", async () => {
    const response = await fetch(`${gone.shopUrl}/new/page`, { headers: debug });
    expect(await response.text()).toBe("legacy GET /new/page");
    expect(response.headers.get("x-strangler-decision")).toContain("reason=fallback");
  });

  it("answers a POST with a 502 page and never sends it to legacy", async () => {
    const before = counts();
    const response = await fetch(`${gone.shopUrl}/new/form`, { method: "POST", body: "x" });
    expect(response.status).toBe(502);
    expect(counts().legacy).toBe(before.legacy);
  });
});

describe("with legacy down", () => {
  it.each([
    ["gone", async () => ({ url: await closedPortUrl(), close: async () => {} }), 502, "The shop is temporarily unavailable"],
    ["hanging", async () => {
      const hung = await startUpstream("hung", () => {});
      return { url: hung.url, close: () => hung.close() };
    }, 504, "The shop is taking too long"],
  ])("answers a clean error page when legacy is %s, without a stack trace", async (_name, makeLegacy, status, text) => {
    const down = await makeLegacy();
    const alone = await startTestProxy({ legacy: down.url, env: { LEGACY_FIRST_BYTE_TIMEOUT_MS: "300" } });
    try {
      const response = await fetch(`${alone.shopUrl}/anything`);
      const body = await response.text();
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(body).toContain(text);
      expect(body).not.toMatch(/Error|at \S+ \(|\.ts:\d+|ECONN/);
    } finally {
      await alone.close();
      await down.close();
    }
  });
});

describe("circuit breaker", () => {
  let clock = 0;
  let guarded: RunningProxy;
  let flaky: TestUpstream;
  beforeAll(async () => {
    flaky = await startUpstream("flaky", (_req, res) => { res.writeHead(500); res.end(); });
    guarded = await startTestProxy({
      legacy: legacy.url, newFrontend: flaky.url, plansDir: plans.dir,
      env: { CIRCUIT_FAILURES: "3", CIRCUIT_OPEN_MS: "10000" }, deps: { now: () => clock },
    });
  });
  afterAll(async () => {
    await guarded.close();
    await flaky.close();
  });

  const reason = async () => (await fetch(`${guarded.shopUrl}/new/p`, { headers: debug })).headers.get("x-strangler-decision")!.split("reason=")[1];

  it("opens after repeated failures, then sends the plan's traffic straight to legacy", async () => {
    expect([await reason(), await reason(), await reason()]).toEqual(["fallback", "fallback", "fallback"]);
    const seen = flaky.received.length;
    expect([await reason(), await reason()]).toEqual(["circuit-open", "circuit-open"]);
    expect(flaky.received.length).toBe(seen);
  });

  it("half-opens after the open period: a failed probe opens it again", async () => {
    clock += 10_000;
    const seen = flaky.received.length;
    expect(await reason()).toBe("fallback");
    expect(flaky.received.length).toBe(seen + 1);
    expect(await reason()).toBe("circuit-open");
  });

  it("closes again after a successful probe", async () => {
    flaky.handle(textHandler("flaky"));
    clock += 10_000;
    expect(await reason()).toBe("rollout");
    expect([await reason(), await reason()]).toEqual(["rollout", "rollout"]);
  });
});

describe("the first-byte budget (FIRST_BYTE_TIMEOUT_MS) of the new side", () => {
  let budgeted: RunningProxy;
  let slowNext: TestUpstream;
  beforeAll(async () => {
    // The new side answers everything, but only after 800 ms: longer than the budget, shorter than the response timeout.
    slowNext = await startUpstream("new", (req, res) => { setTimeout(() => res.end(`new ${req.method} ${req.url}`), 800).unref(); });
    budgeted = await startTestProxy({
      legacy: legacy.url, newFrontend: slowNext.url, plansDir: plans.dir,
      env: { FIRST_BYTE_TIMEOUT_MS: "200", RESPONSE_TIMEOUT_MS: "2000", CIRCUIT_FAILURES: "2", CIRCUIT_OPEN_MS: "60000" },
    });
  });
  afterAll(async () => {
    await budgeted.close();
    await slowNext.close();
  });

  it("lets a POST, which has no fallback, wait past the budget for the new side's own answer, sent once", async () => {
    const received = slowNext.received.length;
    const response = await fetch(`${budgeted.shopUrl}/new/form`, { method: "POST", body: "a=1" });
    expect([response.status, await response.text()]).toEqual([200, "new POST /new/form"]);
    expect(slowNext.received.length - received).toBe(1);
  });

  it("answers a GET from legacy once the budget is spent, counts it toward the breaker, which then opens", async () => {
    const get = async () => {
      const started = performance.now();
      const response = await fetch(`${budgeted.shopUrl}/new/slow`, { headers: debug });
      return { body: await response.text(), reason: response.headers.get("x-strangler-decision")!.split("reason=")[1], ms: performance.now() - started };
    };
    const first = await get();
    expect([first.body, first.reason]).toEqual(["legacy GET /new/slow", "fallback"]);
    expect(first.ms).toBeLessThan(800); // the shopper did not wait for the new side's answer
    expect((await get()).reason).toBe("fallback");
    const third = await get(); // two budget timeouts in a row opened the circuit: no wait at all
    expect([third.body, third.reason]).toEqual(["legacy GET /new/slow", "circuit-open"]);
    const metrics = await (await fetch(`${budgeted.adminUrl}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(metrics).toContain('strangler_fallbacks_total{plan="new-pages",from="new-frontend",stage="response-head"} 2');
  });
});
