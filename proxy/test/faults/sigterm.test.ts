// SIGTERM reaches one of two proxy instances under load, as in a rolling restart. Both run as their own
// processes; the load spreads over them like a balancer (support/spread-sender.ts: per-request round robin,
// a refused connection redispatched to the other instance). The new side takes 200 ms per page, so the
// instance is stopped with requests in flight. It must finish them and exit cleanly; shoppers must see no
// failure. Then it is started again on its ports and takes its share back.
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../support/ports.ts";
import { expectCartIntact, startCartShopper } from "./support/cart-shopper.ts";
import type { CartShopper, CartState } from "./support/cart-shopper.ts";
import { runFault } from "./support/fault-run.ts";
import { createLoadAgent, createSender } from "./support/load.ts";
import { startProxyProcess, statusesLoggedAfter } from "./support/proxy-process.ts";
import type { ProxyExit, ProxyProcess } from "./support/proxy-process.ts";
import { LEGACY_PAGES, ROOT_PAGES_PLAN, startRig } from "./support/rig.ts";
import type { Rig } from "./support/rig.ts";
import { answeredBy, mixedRequest } from "./support/shop-mix.ts";
import { createSpreadSender } from "./support/spread-sender.ts";
import { expectShoppersUnharmed, judge, printVerdict } from "./support/verdict.ts";

const RATE = 150;
let rig: Rig;
let stopped: ProxyProcess;
let restarted: ProxyProcess | undefined;
let other: ProxyProcess;
let agent: Agent;
let shopper: CartShopper;
let cartBefore: CartState;
let stoppedEnv: Record<string, string>;

beforeAll(async () => {
  rig = await startRig({ "fault-pages.yaml": ROOT_PAGES_PLAN }, { slowMs: 5_000, delayMs: 200 });
  stoppedEnv = rig.proxyEnv({ PORT: String(await findFreePort()), ADMIN_PORT: String(await findFreePort()), LOG_LEVEL: "info" });
  stopped = await startProxyProcess(stoppedEnv);
  other = await startProxyProcess(rig.proxyEnv());
  agent = createLoadAgent();
  shopper = await startCartShopper(stopped.shopUrl, 2);
  cartBefore = await shopper.readCart(stopped.shopUrl);
});
afterAll(async () => {
  await agent?.close();
  await Promise.all([stopped?.stop(), restarted?.stop(), other?.stop()]);
  await rig?.close();
});

describe("SIGTERM to one of two instances under load", () => {
  it("finishes the stopped instance's in-flight requests and fails no shopper", async () => {
    const pages = rig.productPages.slice(0, 40);
    const mix = { runId: "sigterm", newPages: pages, legacyPages: LEGACY_PAGES, cookie: shopper.cookieHeader() };
    const spread = createSpreadSender([stopped.shopUrl, other.shopUrl], agent);
    let signalledAt = 0;
    let exit: ProxyExit | undefined;
    const run = await runFault({
      name: "SIGTERM to one of two instances", rate: RATE, beforeMs: 500, faultMs: 2_000, afterMs: 1_000,
      next: (index) => mixedRequest(mix, index), send: spread.send,
      inject: async () => {
        signalledAt = performance.now();
        stopped.signal("SIGTERM");
        exit = await stopped.exited;
      },
      heal: async () => { restarted = await startProxyProcess(stoppedEnv); },
      probe: { request: () => ({ kind: "probe", method: "GET", path: pages[0]! }), recovered: (result) => answeredBy(result) === "new", send: createSender(stopped.shopUrl, agent) },
    });
    const verdict = judge(run, rig.arrivals());
    printVerdict(run, verdict);
    const inFlight = run.results.filter((result) => result.answer?.origin === stopped.shopUrl && !result.answer.redispatched
      && result.sentAt < signalledAt && result.doneAt > signalledAt);
    const drained = statusesLoggedAfter(stopped.lines, "draining in-flight requests");
    console.log(`[fault] SIGTERM: ${inFlight.length} requests in flight at the signal, ${drained.length} finished while draining ` +
      `(statuses ${[...new Set(drained)].join(",")}), exit ${exit?.code} · redispatched ${JSON.stringify(spread.redispatches)}`);

    expectShoppersUnharmed(verdict);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(inFlight.length).toBeGreaterThan(0); // the fault took: the signal found requests in flight
    expect(drained.length).toBeGreaterThan(0);
    expect(drained.filter((status) => status >= 500)).toEqual([]);
    expect(run.recoveryMs).toBeDefined();
    await expectCartIntact(shopper, other.shopUrl, cartBefore, run.results);
  }, 30_000);
});
