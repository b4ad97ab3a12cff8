// The rollout controller ramping a plan through the real stack (sandbox legacy, a new side on port 0, a
// real proxy, real Redis): a healthy new side goes 1 → 5 → 25 → 100; one failing 3 % of product pages,
// or one whose shoppers' add-to-cart fails, is rolled back with the reason in the audit log; without
// traffic, or with too little, the ramp holds. Shoppers keep their side across steps.
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_TOKEN } from "../support/proxy.ts";
import { startUpstream, type TestUpstream } from "../support/upstream.ts";
import { NEW_PAGE, pickShoppers, rampPlanYaml, send, shopUntil, startRampRig, visit, waitForMoves, type RampRig } from "./support/ramp-rig.ts";

// A ramp takes bakes and evaluations of wall-clock time: shopUntil waits at least 15 s before giving up.
vi.setConfig({ testTimeout: 60_000 });

let sandbox: RunningSandbox;
let healthy: TestUpstream;
let failing: TestUpstream;
let failingCount = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  healthy = await startUpstream("new", (_req, res) => { res.writeHead(200, { "content-type": "text/plain" }); res.end(NEW_PAGE); });
  // Every 33rd product page fails: 3 % (the proxy replays it to legacy, and counts it against the new side).
  failing = await startUpstream("failing", (_req, res) => {
    failingCount += 1;
    res.writeHead(failingCount % 33 === 0 ? 503 : 200, { "content-type": "text/plain" });
    res.end(NEW_PAGE);
  });
}, 60_000);
afterAll(async () => { await Promise.all([sandbox.close(), healthy.close(), failing.close()]); });

const FAST = "  bakeSeconds: 1\n  evaluateSeconds: 1\n";

describe("a healthy new side", () => {
  let rig: RampRig;
  const shoppers = pickShoppers("strangler.healthy", 6);
  beforeAll(async () => {
    rig = await startRampRig({
      legacy: sandbox.url, newSide: healthy.url,
      plans: { "healthy.yaml": rampPlanYaml("healthy", `  steps: [1, 5, 25, 100]\n${FAST}  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 12 }\n`) },
    });
  });
  afterAll(async () => { await rig.close(); });

  it("is ramped 1 → 5 → 25 → 100 by the controller, each step once, with the figures in the audit log", async () => {
    const started = await rig.command("healthy", "start");
    expect(started.status).toBe(200);
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => (await rig.ramp("healthy")).state.status === "complete", 200);
    const moves = await waitForMoves(rig, "healthy", (entries) => entries.length >= 4);
    expect(moves.map((entry) => [entry.action, entry.from, entry.to])).toEqual([
      ["rollout-start", 0, 1], ["rollout-promote", 1, 5], ["rollout-promote", 5, 25], ["rollout-complete", 25, 100],
    ]);
    const promotion = moves[1]!.values as { verdicts: Array<{ status: string; samples: { new: number; legacy: number }; statistic: { test: string } }> };
    expect(promotion.verdicts[0]).toMatchObject({ status: "pass", statistic: { test: "sprt" } });
    expect(promotion.verdicts[0]!.samples.new).toBeGreaterThanOrEqual(12);
    // The gauge follows the flag write, which comes just after the audit line.
    let metrics = "";
    for (let i = 0; i < 50 && !metrics.includes('strangler_rollout_step_percent{plan="healthy"} 100'); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      metrics = await (await fetch(`${rig.proxy.adminUrl}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    }
    expect(metrics).toContain('strangler_rollout_step_percent{plan="healthy"} 100');
    expect(metrics).toContain('strangler_rollout_decisions_total{plan="healthy",action="promote"} 2');
    expect(metrics).toContain('strangler_rollout_decisions_total{plan="healthy",action="complete"} 1');
  });

  it("kept every shopper on their side: once on the new side, never back (monotonic steps)", async () => {
    // At 100 % (the flag is written just after the audit line) everyone ends on the new side…
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => shoppers.every((shopper) => shopper.sides.at(-1) === "new"), 20);
    // …and nobody who reached it ever went back.
    for (const shopper of shoppers) {
      const firstNew = shopper.sides.indexOf("new");
      expect(shopper.sides.slice(firstNew)).not.toContain("legacy");
    }
  });

  it("after a rollback sends everyone to legacy, a start begins again at the first step, and nobody flips within it", async () => {
    expect((await rig.command("healthy", "rollback", { why: "test" })).status).toBe(200);
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => shoppers.every((shopper) => shopper.sides.at(-1) === "legacy"), 50);
    expect((await rig.command("healthy", "start")).body).toMatchObject({ decision: { action: "start", from: 0, to: 1 } });
    const inBucket = (shopper: (typeof shoppers)[number]) => shopper.bucket <= 1;
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => shoppers.every((shopper) => shopper.sides.at(-1) === (inBucket(shopper) ? "new" : "legacy")), 50);
    const marks = shoppers.map((shopper) => shopper.sides.length);
    for (let round = 0; round < 3; round++) await Promise.all(shoppers.map((shopper) => visit(rig.proxy.shopUrl, shopper)));
    expect((await rig.ramp("healthy")).state.percent).toBe(1);
    shoppers.forEach((shopper, i) => {
      expect(new Set(shopper.sides.slice(marks[i]))).toEqual(new Set([inBucket(shopper) ? "new" : "legacy"]));
    });
  });
});

describe("a new side that fails 3 % of product pages", () => {
  let rig: RampRig;
  const shoppers = pickShoppers("strangler.failing", 12);
  beforeAll(async () => {
    rig = await startRampRig({
      legacy: sandbox.url, newSide: failing.url,
      // 300 new-side requests per step: enough to see five errors at 3 % before any promotion.
      plans: { "failing.yaml": rampPlanYaml("failing", `  steps: [1, 5, 25, 100]\n${FAST}  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 300 }\n`) },
    });
  });
  afterAll(async () => { await rig.close(); });

  it("is rolled back to 0 % before any promotion, and the audit log says why, with the test statistic", async () => {
    await rig.command("failing", "start");
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => (await rig.ramp("failing")).state.status === "rolled-back", 100);
    const moves = await waitForMoves(rig, "failing", (entries) => entries.length >= 2);
    expect(moves.map((entry) => [entry.action, entry.from, entry.to])).toEqual([["rollout-start", 0, 1], ["rollout-rollback", 1, 0]]);
    expect(moves[1]!.why).toMatch(/^breach, everyone back to legacy: error-rate < 2× legacy: error rate of the new side is at least 2× legacy's: new \d+\/\d+ .*SPRT log LR [\d.]+ \(breach at 2\.996\)$/);
    const verdict = (moves[1]!.values as { verdicts: Array<{ status: string; statistic: { value: number; threshold: number } }> }).verdicts[0]!;
    expect(verdict.status).toBe("breach");
    expect(verdict.statistic.value).toBeGreaterThanOrEqual(verdict.statistic.threshold);
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => shoppers.every((shopper) => shopper.sides.at(-1) === "legacy"), 20);
  });

  it("shows on the dashboard's rollout panel: the step, the breached guardrail against its bound, the last decision", async () => {
    const response = await fetch(`${rig.proxy.adminUrl}/dashboard/api/state`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const state = await response.json() as { panels: { rollout: { columns: string[]; rows: unknown[][] } } };
    const { columns, rows } = state.panels.rollout;
    const row = Object.fromEntries(columns.map((column, i) => [column, rows[0]![i]]));
    expect(row).toMatchObject({ plan: "failing", status: "rolled-back", step: "0 % (1 → 5 → 25 → 100)", guardrail: "error-rate < 2× legacy", verdict: "breach", bound: 2 });
    expect(row["last decision"]).toMatch(/^rollout-rollback 1 → 0: breach, everyone back to legacy/);
    expect(row.statistic).toMatch(/^sprt [\d.]+ \(limit 2\.996\)$/);
  });
});

describe("a new side whose shoppers' add-to-cart fails", () => {
  let rig: RampRig;
  const shoppers = pickShoppers("strangler.cart", 10);
  beforeAll(async () => {
    rig = await startRampRig({
      legacy: sandbox.url, newSide: healthy.url,
      plans: { "cart.yaml": rampPlanYaml("cart", `  steps: [1, 5, 25, 100]\n${FAST}  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 10 }\n    - { metric: add-to-cart, maxRatio: 2, minSamples: 60 }\n`) },
    });
  });
  afterAll(async () => { await rig.close(); });

  it("is rolled back on the add-to-cart guardrail: legacy's form POSTs land in the cart, the new page's stale form key does not", async () => {
    await rig.command("cart", "start");
    // Legacy pages carry the session's real form_key (cookie); the new side's page posts a stale one,
    // which the sandbox refuses as Magento does: 302 back, not to the cart.
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => (await rig.ramp("cart")).state.status === "rolled-back", 100, async (shopper, side) => {
      const formKey = side === "legacy" ? shopper.cookies.get("form_key") ?? "" : "staleKey00000000";
      const added = await send(rig.proxy.shopUrl, shopper, "/checkout/cart/add/", {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ product: "1", qty: "1", form_key: formKey }).toString(),
      });
      await added.arrayBuffer();
    });
    const moves = await waitForMoves(rig, "cart", (entries) => entries.length >= 2);
    expect(moves.map((entry) => entry.action)).toEqual(["rollout-start", "rollout-rollback"]);
    expect(moves[1]!.why).toContain("add-to-cart < 2× legacy: add-to-cart failure rate of the new side is at least 2× legacy's");
  });
});

describe("thin data", () => {
  let rig: RampRig;
  const shoppers = pickShoppers("strangler.thin", 2);
  beforeAll(async () => {
    rig = await startRampRig({
      legacy: sandbox.url, newSide: healthy.url,
      plans: { "thin.yaml": rampPlanYaml("thin", "  steps: [1, 5, 100]\n  bakeSeconds: 1\n  evaluateSeconds: 1\n  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 50 }\n") },
    });
  });
  afterAll(async () => { await rig.close(); });

  it("holds and never promotes: no traffic, then too little", async () => {
    await rig.command("thin", "start");
    const holds = async () => (await rig.audit("thin")).filter((entry) => entry.action === "rollout-hold");
    // No traffic: wait for two evaluations past the bake.
    for (let i = 0; i < 100 && ((await rig.ramp("thin")).state.lastEvaluatedAt ?? 0) < (await rig.ramp("thin")).state.stepStartedAt + 2_000; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await holds()).at(-1)?.why).toBe("holding, not enough data: error-rate < 2× legacy: no data");
    // A few visits, far below 50 per side.
    for (let round = 0; round < 3; round++) await Promise.all(shoppers.map((shopper) => visit(rig.proxy.shopUrl, shopper)));
    for (let i = 0; i < 100 && !(await holds()).at(-1)?.why?.includes("thin data"); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await holds()).at(-1)?.why).toMatch(/^holding, not enough data: error-rate < 2× legacy: thin data \(\d+\/\d+ of 50\)$/);
    const ramp = await rig.ramp("thin");
    expect([ramp.state.status, ramp.state.percent]).toEqual(["ramping", 1]);
  });
});
