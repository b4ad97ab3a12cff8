// A new side that takes 5 s to answer, in stage shadow at 100 %: shoppers get legacy's answer without waiting
// for it (every one of them has it before the new side has answered anything), shadow work stays within its
// bounds (concurrency + queue; the rest is dropped before a byte is copied), and a mirrored request past its
// timeout is counted as one. Latency figures are in the bench (`npm run bench -- shadow`), not here.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, startTestProxy } from "../support/proxy.ts";
import { startUpstream, textHandler } from "../support/upstream.ts";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => { await Promise.all(open.splice(0).map((item) => item.close())); });

async function start(env: Record<string, string>) {
  let newSideAnswered = 0;
  const slow = await startUpstream("new", (_req, res: ServerResponse) => {
    const timer = setTimeout(() => { newSideAnswered++; res.writeHead(200, { "Content-Type": "text/html" }); res.end("<html><title>late</title></html>"); }, 5_000);
    res.on("close", () => clearTimeout(timer));
  });
  const legacy = await startUpstream("legacy", textHandler("legacy"));
  const plans = await createPlansDir({ "p.yaml": "id: slow\ntarget: new-frontend\nmatch:\n  - path: /**\nstage: shadow\nshadow: { sample: 100 }\n" });
  const proxy = await startTestProxy({ legacy: legacy.url, newFrontend: slow.url, plansDir: plans.dir, env: { SHADOW_NOISE_PERCENT: "0", SHADOW_MAX_LOAD_PERCENT: "100", ...env } });
  open.push(proxy, slow, legacy, { close: plans.remove });
  return { proxy, slow, legacy, newSideAnswered: () => newSideAnswered };
}

async function metricsOf(proxy: RunningProxy): Promise<string> {
  return (await fetch(`${proxy.adminUrl}/metrics`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
}

describe("a new side that answers in 5 s", () => {
  it("never keeps a shopper waiting, and keeps shadow work within concurrency + queue, dropping the rest", async () => {
    const { proxy, slow, newSideAnswered } = await start({ SHADOW_CONCURRENCY: "2", SHADOW_QUEUE_LENGTH: "2", SHADOW_TIMEOUT_MS: "10000" });
    const bodies: string[] = [];
    for (let i = 0; i < 10; i++) {
      bodies.push(await (await fetch(`${proxy.shopUrl}/page-${i}.html`)).text());
      expect(newSideAnswered()).toBe(0); // this shopper's answer came while the new side still sat on its requests
    }
    expect(bodies).toEqual(Array.from({ length: 10 }, (_, i) => `legacy GET /page-${i}.html`));
    await vi.waitFor(() => expect(slow.received).toHaveLength(2), { timeout: 5_000, interval: 20 });
    const metrics = await metricsOf(proxy);
    expect(metrics).toContain('strangler_shadow_requests_total{plan="slow",result="dropped"} 6');
    expect(slow.received.map((request) => request.url)).toEqual(["/page-0.html", "/page-1.html"]);
  });

  it("drops shadow work first while the proxy is busy (event-loop utilization above SHADOW_MAX_LOAD_PERCENT)", async () => {
    const { proxy, slow } = await start({ SHADOW_MAX_LOAD_PERCENT: "0" });
    // Busy for over one 250 ms measurement: any utilization is above 0 %.
    const until = Date.now() + 300;
    while (Date.now() < until) await fetch(`${proxy.shopUrl}/warm.html`).then((answer) => answer.text());
    expect(await (await fetch(`${proxy.shopUrl}/busy.html`)).text()).toBe("legacy GET /busy.html");
    expect(await metricsOf(proxy)).toMatch(/strangler_shadow_requests_total\{plan="slow",result="dropped"\} [1-9]/);
    expect(slow.received.map((request) => request.url)).not.toContain("/busy.html");
  });

  it("counts a mirrored request past SHADOW_TIMEOUT_MS as a timeout, and compares nothing", async () => {
    const { proxy } = await start({ SHADOW_TIMEOUT_MS: "200" });
    expect(await (await fetch(`${proxy.shopUrl}/a.html`)).text()).toBe("legacy GET /a.html");
    await vi.waitFor(async () => expect(await metricsOf(proxy)).toContain('strangler_shadow_requests_total{plan="slow",result="timeout"} 1'), { timeout: 5_000, interval: 50 });
    expect(proxy.parity.scores()).toEqual([]);
  });
});
