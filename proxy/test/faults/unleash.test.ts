// Unleash is killed under load. The plan's own rollout is 0 %: only Unleash (100 % on) sends its pages to
// the new side, so a proxy that lost the flag state when Unleash went away would move shoppers back to
// legacy. Unleash's client API is played by a small server (fake-unleash.ts) that is stopped mid-load,
// connections cut, and brought back on its port. Shoppers must not notice, not even by changing side.
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toggle } from "../flags/support/unleash-payloads.ts";
import { countPlanReasons } from "./support/admin-api.ts";
import { expectCartIntact, startCartShopper } from "./support/cart-shopper.ts";
import type { CartShopper, CartState } from "./support/cart-shopper.ts";
import { startFakeUnleash } from "./support/fake-unleash.ts";
import type { FakeUnleash } from "./support/fake-unleash.ts";
import { runFault } from "./support/fault-run.ts";
import { createLoadAgent, createSender } from "./support/load.ts";
import type { ShopResult } from "./support/load.ts";
import { startProxyProcess } from "./support/proxy-process.ts";
import type { ProxyProcess } from "./support/proxy-process.ts";
import { ADMIN_TOKEN, LEGACY_PAGES, faultPlan, startRig } from "./support/rig.ts";
import type { Rig } from "./support/rig.ts";
import { answeredBy, mixedRequest } from "./support/shop-mix.ts";
import { expectShoppersUnharmed, judge, printVerdict } from "./support/verdict.ts";

const RATE = 150;
const PLAN = "fault-pages";
let rig: Rig;
let unleash: FakeUnleash;
let proxy: ProxyProcess;
let agent: Agent;
let shopper: CartShopper;
let cartBefore: CartState;

beforeAll(async () => {
  rig = await startRig({ [`${PLAN}.yaml`]: faultPlan(PLAN, "  - path: /*.html\n", 0) });
  unleash = await startFakeUnleash([toggle(`strangler.${PLAN}`, { rollout: 100 })]);
  proxy = await startProxyProcess(rig.proxyEnv({
    UNLEASH_URL: unleash.apiUrl, UNLEASH_API_TOKEN: "*:development.fault-test", UNLEASH_METRICS: "false",
    UNLEASH_TIMEOUT_MS: "1000", FLAG_REFRESH_MS: "250", DECISIONS_BUFFER: "10000",
  }));
  agent = createLoadAgent();
  shopper = await startCartShopper(proxy.shopUrl, 2);
  cartBefore = await shopper.readCart(proxy.shopUrl);
});
afterAll(async () => {
  await agent?.close();
  await proxy?.stop();
  await unleash?.close();
  await rig?.close();
});

const reasonOf = (result: ShopResult) => /reason=([a-z-]+)/.exec(String(result.answer?.headers["x-strangler-decision"]))?.[1];

describe("Unleash fails under load", () => {
  it("answers every shopper, on the side Unleash last said, while Unleash is killed", async () => {
    const pages = rig.productPages.slice(0, 40);
    const mix = { runId: "unleash", newPages: pages, legacyPages: LEGACY_PAGES, cookie: shopper.cookieHeader() };
    const run = await runFault({
      // 2.5 s: past the 2 × FLAG_REFRESH_MS + UNLEASH_TIMEOUT_MS after which the proxy calls its state saved.
      name: "Unleash killed", rate: RATE, beforeMs: 500, faultMs: 2_500, afterMs: 1_000,
      next: (index) => mixedRequest(mix, index), send: createSender(proxy.shopUrl, agent),
      inject: () => unleash.kill(), heal: () => unleash.revive(),
      probe: {
        request: () => ({ kind: "probe", method: "GET", path: pages[0]!, headers: { "x-strangler-debug": ADMIN_TOKEN } }),
        recovered: (result) => reasonOf(result) === "flag-on",
      },
    });
    const verdict = judge(run, rig.arrivals());
    printVerdict(run, verdict);
    const reasons = await countPlanReasons(proxy.adminUrl, PLAN);
    console.log(`[fault] Unleash killed: the plan's decisions by reason ${JSON.stringify(reasons)}`);

    expectShoppersUnharmed(verdict);
    const newSidePages = run.results.filter((result) => result.kind === "new-get");
    expect(newSidePages.filter((result) => answeredBy(result) !== "new").map((result) => result.path)).toEqual([]);
    expect(reasons["flag-on-saved"]).toBeGreaterThan(0); // the fault took: the saved state decided
    expect(Object.keys(reasons).sort()).toEqual(["flag-on", "flag-on-saved"]);
    expect(run.recoveryMs).toBeDefined();
    await expectCartIntact(shopper, proxy.shopUrl, cartBefore, run.results);
  }, 30_000);
});
