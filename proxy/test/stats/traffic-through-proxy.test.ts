// Traffic stats fed by real requests through real proxies: the finished-request hook counts each
// plan's requests on the side the decision chose, a replay counts against the new side, and two proxies
// sharing REDIS_URL answer the same sums.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import type { PlanMinute } from "../../src/stats/traffic-stats.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const prefix = `strangler:test:traffic:${randomUUID()}:`;
let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;

async function traffic(proxy: RunningProxy, plan: string): Promise<{ legacy: number; new: number; newErrors: number; fallbacks: number }> {
  const response = await fetch(`${proxy.adminUrl}/stats/traffic?plan=${plan}&minutes=5`, { headers: auth });
  expect(response.status).toBe(200);
  const { minutes } = await response.json() as { minutes: PlanMinute[] };
  const sum = (read: (m: PlanMinute) => number) => minutes.reduce((total, m) => total + read(m), 0);
  return { legacy: sum((m) => m.legacy.requests), new: sum((m) => m.new.requests), newErrors: sum((m) => m.new.errors), fallbacks: sum((m) => m.new.fallbacks) };
}

async function get(proxy: RunningProxy, path: string): Promise<string> {
  return (await fetch(`${proxy.shopUrl}${path}`)).text();
}

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new", (req, res) => {
    res.writeHead(req.url?.includes("broken") ? 503 : 200, { "Content-Type": "text/plain" });
    res.end("new");
  });
  plans = await createPlansDir({
    "pdp.yaml": planYaml("pdp", "  - path: /p/**"),
    "cart.yaml": planYaml("cart", "  - path: /cart/**").replace("percentage: 100", "percentage: 0"),
  });
});
afterAll(async () => {
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

describe("traffic stats in memory (no REDIS_URL)", () => {
  let proxy: RunningProxy;
  beforeAll(async () => { proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir }); });
  afterAll(async () => { await proxy.close(); });

  it("counts each plan's requests on the side its decision chose, and a replay as a new-side error", async () => {
    for (let i = 0; i < 3; i++) await get(proxy, `/p/${i}`);
    expect(await get(proxy, "/p/broken")).toBe("legacy GET /p/broken");
    for (let i = 0; i < 2; i++) await get(proxy, `/cart/${i}`);
    await get(proxy, "/no-plan");
    expect(await traffic(proxy, "pdp")).toEqual({ legacy: 0, new: 4, newErrors: 1, fallbacks: 1 });
    expect(await traffic(proxy, "cart")).toEqual({ legacy: 2, new: 0, newErrors: 0, fallbacks: 0 });
  });

  it("needs the admin token", async () => {
    expect((await fetch(`${proxy.adminUrl}/stats/traffic`)).status).toBe(401);
  });
});

describe("traffic stats in Redis, two proxies", () => {
  let one: RunningProxy;
  let two: RunningProxy;
  const env = { REDIS_URL: "redis://127.0.0.1:6379", STATS_REDIS_PREFIX: prefix };
  beforeAll(async () => {
    const start = () => startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, env });
    [one, two] = await Promise.all([start(), start()]);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    const redis = new Redis("redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("sums both proxies' requests, whichever proxy is asked", async () => {
    for (let i = 0; i < 3; i++) await get(one, `/p/${i}`);
    for (let i = 0; i < 2; i++) await get(two, `/p/${i}`);
    await get(two, "/cart/1");
    // Each proxy flushes its own pending counts before it reads, and flushes on its timer within a second.
    const expected = { legacy: 0, new: 5, newErrors: 0, fallbacks: 0 };
    await expect.poll(() => traffic(one, "pdp"), { timeout: 5_000, interval: 200 }).toEqual(expected);
    expect(await traffic(two, "pdp")).toEqual(expected);
    expect(await traffic(one, "cart")).toEqual({ legacy: 1, new: 0, newErrors: 0, fallbacks: 0 });
  });
});
