// A hung new side is a failure too: the new side's process is frozen (SIGSTOP) for 12 s under load, so it
// accepts connections and never answers. With a first-byte budget of 1 s, every shopper GET of a migrated
// page is answered by legacy within the budget (plus 0.5 s), the breaker opens so most shoppers do not
// wait at all, no POST is sent twice, and the cart is intact.
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCartIntact, startCartShopper } from "./support/cart-shopper.ts";
import type { CartShopper, CartState } from "./support/cart-shopper.ts";
import { runFault } from "./support/fault-run.ts";
import { createLoadAgent, createSender } from "./support/load.ts";
import { startNewSideProcess } from "./support/new-side-process.ts";
import type { NewSideProcess } from "./support/new-side-process.ts";
import { startProxyProcess } from "./support/proxy-process.ts";
import type { ProxyProcess } from "./support/proxy-process.ts";
import { LEGACY_PAGES, ROOT_PAGES_PLAN, startRig } from "./support/rig.ts";
import type { Rig } from "./support/rig.ts";
import { answeredBy, mixedRequest } from "./support/shop-mix.ts";
import { expectShoppersUnharmed, judge, printVerdict } from "./support/verdict.ts";

const RATE = 150;
const FIRST_BYTE_MS = 1_000;
let rig: Rig;
let frozen: NewSideProcess;
let proxy: ProxyProcess;
let agent: Agent;
let shopper: CartShopper;
let cartBefore: CartState;

beforeAll(async () => {
  rig = await startRig({ "fault-pages.yaml": ROOT_PAGES_PLAN });
  frozen = await startNewSideProcess();
  // POSTs to the new side have no fallback: they wait past the freeze (RESPONSE_TIMEOUT_MS) and arrive once.
  proxy = await startProxyProcess(rig.proxyEnv({
    NEW_FRONTEND_URL: frozen.url, FIRST_BYTE_TIMEOUT_MS: String(FIRST_BYTE_MS), RESPONSE_TIMEOUT_MS: "30000",
  }));
  agent = createLoadAgent();
  shopper = await startCartShopper(proxy.shopUrl, 2);
  cartBefore = await shopper.readCart(proxy.shopUrl);
}, 60_000);
afterAll(async () => {
  await agent?.close();
  await proxy?.stop();
  await frozen?.stop();
  await rig?.close();
});

describe("a hung new side", () => {
  it("costs a shopper at most the first-byte budget: legacy answers, the breaker opens, nothing fails", async () => {
    const pages = rig.productPages.slice(0, 40);
    const mix = { runId: "hung-new-side", newPages: pages, legacyPages: LEGACY_PAGES, cookie: shopper.cookieHeader() };
    const run = await runFault({
      name: "new side frozen (SIGSTOP) for 12 s", rate: RATE, beforeMs: 500, faultMs: 12_000, afterMs: 1_000,
      next: (index) => mixedRequest(mix, index), send: createSender(proxy.shopUrl, agent),
      inject: async () => frozen.freeze(), heal: async () => frozen.thaw(),
      probe: { request: () => ({ kind: "probe", method: "GET", path: pages[0]! }), recovered: (result) => answeredBy(result) === "new" },
    });
    const verdict = judge(run, [rig.legacyArrivals.postCounts(), frozen.postCounts()]);
    printVerdict(run, verdict);

    expectShoppersUnharmed(verdict);
    expect(verdict.slowestGetMs).toBeLessThanOrEqual(FIRST_BYTE_MS + 500);
    // Most migrated pages during the freeze were answered by legacy without waiting: the breaker was open.
    const inFault = run.results.filter((r) => r.kind === "new-get" && r.sentAt >= run.faultStart + FIRST_BYTE_MS && r.sentAt < run.faultEnd);
    const quick = inFault.filter((r) => answeredBy(r) === "legacy" && r.doneAt - r.sentAt < FIRST_BYTE_MS / 2);
    expect(quick.length / inFault.length).toBeGreaterThan(0.8);
    expect(run.recoveryMs).toBeDefined();
    await expectCartIntact(shopper, proxy.shopUrl, cartBefore, run.results);
  }, 60_000);
});
