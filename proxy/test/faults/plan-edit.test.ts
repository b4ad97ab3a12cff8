// A broken plan edit lands under load: the plan file in PLANS_DIR is replaced by YAML that does not parse
// (as a bad merge or a half-saved file would), and later by a fixed edit that also adds a route. The proxy
// must refuse the broken edit and keep serving the last good routes; the fixed edit then applies.
import { join } from "node:path";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAdmin } from "./support/admin-api.ts";
import { expectCartIntact, startCartShopper } from "./support/cart-shopper.ts";
import type { CartShopper, CartState } from "./support/cart-shopper.ts";
import { runFault } from "./support/fault-run.ts";
import { createLoadAgent, createSender } from "./support/load.ts";
import { startProxyProcess } from "./support/proxy-process.ts";
import type { ProxyProcess } from "./support/proxy-process.ts";
import { LEGACY_PAGES, ROOT_PAGES_PLAN, faultPlan, startRig } from "./support/rig.ts";
import type { Rig } from "./support/rig.ts";
import { answeredBy, mixedRequest } from "./support/shop-mix.ts";
import { expectShoppersUnharmed, judge, printVerdict } from "./support/verdict.ts";

const RATE = 150;
const FILE = "fault-pages.yaml";
const BROKEN = "id: fault-pages\ntarget: new-frontend\nmatch:\n  - path: /*.html\n    methods: [GET, HEAD\n";
const FIXED = faultPlan("fault-pages", "  - path: /*.html\n  - path: /fault/fixed/**\n");
let rig: Rig;
let proxy: ProxyProcess;
let agent: Agent;
let shopper: CartShopper;
let cartBefore: CartState;

beforeAll(async () => {
  rig = await startRig({ [FILE]: ROOT_PAGES_PLAN });
  proxy = await startProxyProcess(rig.proxyEnv());
  agent = createLoadAgent();
  shopper = await startCartShopper(proxy.shopUrl, 2);
  cartBefore = await shopper.readCart(proxy.shopUrl);
});
afterAll(async () => {
  await agent?.close();
  await proxy?.stop();
  await rig?.close();
});

interface PlansStatus {
  problems: Array<{ file: string; code: string }>;
  reloads: number;
}

/** Polls the admin API (bounded) until `check` holds; returns the status that satisfied it. */
async function waitForPlans(check: (status: PlansStatus) => boolean): Promise<PlansStatus> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await readAdmin<PlansStatus>(proxy.adminUrl, "/plans");
    if (check(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the proxy did not report the plan edit within 200 polls");
}

describe("a broken plan edit lands under load", () => {
  it("refuses it, keeps serving the last good routes, and applies the fix", async () => {
    const pages = rig.productPages.slice(0, 40);
    const mix = { runId: "plan-edit", newPages: pages, legacyPages: LEGACY_PAGES, cookie: shopper.cookieHeader() };
    const { reloads } = await readAdmin<PlansStatus>(proxy.adminUrl, "/plans");
    let refused: PlansStatus | undefined;
    const run = await runFault({
      name: "broken plan edit", rate: RATE, beforeMs: 500, faultMs: 2_000, afterMs: 1_000,
      next: (index) => mixedRequest(mix, index), send: createSender(proxy.shopUrl, agent),
      inject: async () => {
        await rig.plans.write(FILE, BROKEN);
        refused = await waitForPlans((status) => status.reloads > reloads && status.problems.length > 0);
      },
      heal: () => rig.plans.write(FILE, FIXED),
      probe: { request: (n) => ({ kind: "probe", method: "GET", path: `/fault/fixed/${n}` }), recovered: (result) => answeredBy(result) === "new" },
    });
    const verdict = judge(run, rig.arrivals());
    printVerdict(run, verdict);

    expectShoppersUnharmed(verdict);
    expect(refused?.problems.map((problem) => `${problem.file} ${problem.code}`)).toEqual([`${join(rig.plans.dir, FILE)} yaml-syntax`]);
    const newSidePages = run.results.filter((result) => result.kind === "new-get");
    expect(newSidePages.filter((result) => answeredBy(result) !== "new").map((result) => result.path)).toEqual([]);
    expect(run.recoveryMs).toBeDefined();
    expect((await readAdmin<PlansStatus>(proxy.adminUrl, "/plans")).problems).toEqual([]);
    await expectCartIntact(shopper, proxy.shopUrl, cartBefore, run.results);
  }, 30_000);
});
