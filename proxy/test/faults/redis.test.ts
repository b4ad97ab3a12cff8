// Redis, the page-type cache shared between proxy instances, fails under load: killed (SIGKILL, then
// restarted empty on its port) and slow (CLIENT PAUSE: every command hangs). A page-type plan sends
// product pages to the new side; the in-process cache is kept small (PAGE_TYPE_CACHE_SIZE) so each product
// request reads Redis, as on an instance whose cache holds other pages. Shoppers must not notice: page
// types come from Magento's `route` while Redis cannot answer.
import { Redis } from "ioredis";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// adapters' private redis-server helper, shared rather than copied (as the page-type resolver test does).
import { startOwnRedis } from "../../../adapters/test/support/own-redis.ts";
import type { OwnRedis } from "../../../adapters/test/support/own-redis.ts";
import { expectCartIntact, startCartShopper } from "./support/cart-shopper.ts";
import type { CartShopper, CartState } from "./support/cart-shopper.ts";
import { runFault } from "./support/fault-run.ts";
import { createLoadAgent, createSender, sendOne } from "./support/load.ts";
import type { ShopRequest } from "./support/load.ts";
import { startProxyProcess } from "./support/proxy-process.ts";
import type { ProxyProcess } from "./support/proxy-process.ts";
import { LEGACY_PAGES, PRODUCT_PAGES_PLAN, startRig } from "./support/rig.ts";
import type { Rig } from "./support/rig.ts";
import { answeredBy, mixedRequest } from "./support/shop-mix.ts";
import { expectShoppersUnharmed, judge, printVerdict } from "./support/verdict.ts";

const RATE = 150;
const FAULT_MS = 2_000;
const KEY_PREFIX = "strangler:page-type:default:";
let rig: Rig;
let redis: OwnRedis;
let proxy: ProxyProcess;
let agent: Agent;
let shopper: CartShopper;
let cartBefore: CartState;

beforeAll(async () => {
  rig = await startRig({ "fault-products.yaml": PRODUCT_PAGES_PLAN });
  redis = await startOwnRedis();
  proxy = await startProxyProcess(rig.proxyEnv({ REDIS_URL: redis.url, PAGE_TYPE_CACHE_SIZE: "20" }));
  agent = createLoadAgent();
  // Every product's page type into Redis first, so the load before a fault reads them from there.
  const send = createSender(proxy.shopUrl, agent);
  for (let i = 0; i < rig.productPages.length; i += 10) {
    await Promise.all(rig.productPages.slice(i, i + 10).map((path) => sendOne(send, { kind: "new-get", method: "GET", path })));
  }
  shopper = await startCartShopper(proxy.shopUrl, 2);
  cartBefore = await shopper.readCart(proxy.shopUrl);
});
afterAll(async () => {
  await agent?.close();
  await proxy?.stop();
  await redis?.kill();
  await rig?.close();
});

/**
 * One command on a fresh connection: the test's own view of Redis, whatever state the fault left. No ready
 * check, no CLIENT SETINFO and no HELLO (RESP2): each would wait behind a pause.
 */
async function onRedis<T>(command: (client: Redis) => Promise<T>, timeoutMs = 2_000): Promise<T> {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, enableReadyCheck: false, disableClientInfo: true, protocol: 2, commandTimeout: timeoutMs });
  client.on("error", () => {}); // a refused connect rejects the command too
  try {
    return await command(client);
  } finally {
    client.disconnect();
  }
}

/** Redis 7 holds even CLIENT UNPAUSE during a pause of ALL: the pause runs its course, then PING answers. */
async function waitForPong(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await onRedis((client) => client.ping(), 100).then(() => true, () => false)) return;
  }
  throw new Error("Redis did not answer PING within 100 attempts");
}

/**
 * A page Magento does not know, whose page type the test writes into Redis as PRODUCT: the new side
 * answers it only when the proxy read Redis, so this tells when the Redis path works again.
 */
async function redisOnlyPage(runId: string, n: number): Promise<ShopRequest> {
  const path = `/fault-probe-${runId}-${n}.html`;
  await onRedis((client) => client.set(`${KEY_PREFIX}${path}`, "PRODUCT", "PX", 60_000));
  return { kind: "probe", method: "GET", path };
}

const FAULTS = [
  { name: "killed", inject: () => redis.kill(), heal: () => redis.start() },
  {
    name: "slow (CLIENT PAUSE)",
    inject: async () => { await onRedis((client) => client.call("CLIENT", "PAUSE", String(FAULT_MS), "ALL")); },
    heal: waitForPong,
  },
];

describe("Redis fails under load", () => {
  it.each(FAULTS)("answers every shopper while Redis is $name", async (fault) => {
    const runId = `redis-${FAULTS.indexOf(fault)}`;
    const mix = { runId, newPages: rig.productPages, legacyPages: LEGACY_PAGES, cookie: shopper.cookieHeader() };
    const run = await runFault({
      name: `Redis ${fault.name}`, rate: RATE, beforeMs: 500, faultMs: FAULT_MS, afterMs: 1_000,
      next: (index) => mixedRequest(mix, index), send: createSender(proxy.shopUrl, agent),
      inject: fault.inject, heal: fault.heal,
      probe: { request: (n) => redisOnlyPage(runId, n), recovered: (result) => answeredBy(result) === "new" },
    });
    const verdict = judge(run, rig.arrivals());
    printVerdict(run, verdict);
    const lookups = rig.legacyArrivals.routeLookups.filter((at) => at >= run.faultStart && at < run.faultEnd).length;
    console.log(`[fault] Redis ${fault.name}: ${lookups} page-type lookups at Magento while Redis could not answer`);

    expectShoppersUnharmed(verdict);
    expect(lookups).toBeGreaterThan(0); // the fault took: page types came from Magento, not Redis
    expect(verdict.duringFault.new).toBeGreaterThan(0);
    expect(run.recoveryMs).toBeDefined();
    await expectCartIntact(shopper, proxy.shopUrl, cartBefore, run.results);
  }, 30_000);
});
