// The new side fails under load, one way at a time: killed (connections cut, port closed), slowed to 5 s
// per answer, resetting every connection. The proxy runs as its own process in front of the Magento
// sandbox (legacy) and the test new side, with a plan sending root product pages and /fault/post/** there.
// Shoppers must not notice: every GET answered (by legacy when the new side cannot), no POST sent twice,
// the cart shopper's cart unchanged.
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCartIntact, startCartShopper } from "./support/cart-shopper.ts";
import type { CartShopper, CartState } from "./support/cart-shopper.ts";
import { runFault } from "./support/fault-run.ts";
import { createLoadAgent, createSender } from "./support/load.ts";
import { startProxyProcess } from "./support/proxy-process.ts";
import type { ProxyProcess } from "./support/proxy-process.ts";
import { LEGACY_PAGES, ROOT_PAGES_PLAN, startRig } from "./support/rig.ts";
import type { Rig } from "./support/rig.ts";
import { answeredBy, mixedRequest } from "./support/shop-mix.ts";
import { expectShoppersUnharmed, judge, printVerdict } from "./support/verdict.ts";

const RATE = 150;
let rig: Rig;
let proxy: ProxyProcess;
let agent: Agent;
let shopper: CartShopper;
let cartBefore: CartState;

beforeAll(async () => {
  rig = await startRig({ "fault-pages.yaml": ROOT_PAGES_PLAN });
  // The new side's first-byte budget turns a slow new side into a fallback.
  proxy = await startProxyProcess(rig.proxyEnv({ FIRST_BYTE_TIMEOUT_MS: "1000" }));
  agent = createLoadAgent();
  shopper = await startCartShopper(proxy.shopUrl, 2);
  cartBefore = await shopper.readCart(proxy.shopUrl);
});
afterAll(async () => {
  await agent?.close();
  await proxy?.stop();
  await rig?.close();
});

const FAULTS = [
  { name: "killed", inject: () => rig.newSide.kill(), heal: () => rig.newSide.revive() },
  { name: "slowed to 5 s per answer", inject: async () => rig.newSide.setMode("slow"), heal: async () => rig.newSide.setMode("ok") },
  { name: "resetting every connection", inject: async () => rig.newSide.setMode("reset"), heal: async () => rig.newSide.setMode("ok") },
];

describe("the new side fails under load", () => {
  it.each(FAULTS)("answers every shopper while the new side is $name", async (fault) => {
    const pages = rig.productPages.slice(0, 40);
    const mix = { runId: `new-side-${FAULTS.indexOf(fault)}`, newPages: pages, legacyPages: LEGACY_PAGES, cookie: shopper.cookieHeader() };
    const run = await runFault({
      name: `new side ${fault.name}`, rate: RATE, beforeMs: 500, faultMs: 2_000, afterMs: 1_000,
      next: (index) => mixedRequest(mix, index), send: createSender(proxy.shopUrl, agent),
      inject: fault.inject, heal: fault.heal,
      probe: { request: () => ({ kind: "probe", method: "GET", path: pages[0]! }), recovered: (result) => answeredBy(result) === "new" },
    });
    const verdict = judge(run, rig.arrivals());
    printVerdict(run, verdict);

    expectShoppersUnharmed(verdict);
    expect(verdict.duringFault.legacy).toBeGreaterThan(0); // the fault took: legacy answered new-side pages
    expect(run.recoveryMs).toBeDefined();
    await expectCartIntact(shopper, proxy.shopUrl, cartBefore, run.results);
  }, 30_000);
});
