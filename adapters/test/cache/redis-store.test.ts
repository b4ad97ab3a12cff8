// The Redis store on the real redis-server at REDIS_URL, under a unique prefix per run.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisStore } from "../../src/cache/redis-store.ts";
import { createCache } from "../../src/cache/cache.ts";
import { createCounterMetrics } from "../../src/observability.ts";
import { createClock, createRecordingLogger } from "../support/doubles.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("store");
const logger = createRecordingLogger();
const metrics = createCounterMetrics();
const store = createRedisStore({ url: redisUrl, keyPrefix: prefix, logger, metrics });
const entry = (value: unknown, tags: string[], ttlMs = 60_000) => ({ value, freshUntil: Date.now() + ttlMs, staleUntil: Date.now() + ttlMs, tags });

beforeAll(async () => {
  expect(await store.ready()).toBe(true);
});

afterAll(async () => {
  await store.deleteAll();
  await store.close();
});

describe("createRedisStore", () => {
  it("stores entries with a PX expiry at the end of the stale window", async () => {
    await store.set("a", entry({ n: 1 }, ["cat_p_1"], 5_000), await store.generation());
    expect(await store.get("a")).toMatchObject({ value: { n: 1 }, tags: ["cat_p_1"] });
    const pttl = await store.client.pttl(`${prefix}e:a`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);
  });

  it("indexes keys by tag in Redis sets and purges exactly the tagged keys", async () => {
    await store.set("p1", entry(1, ["cat_p_1"]), await store.generation());
    await store.set("p2", entry(2, ["cat_p_2"]), await store.generation());
    await store.set("list", entry(3, ["cat_c_p_4", "cat_p_1", "cat_p_2"]), await store.generation());
    expect((await store.client.smembers(`${prefix}t:cat_p_1`)).sort()).toEqual(["a", "list", "p1"]);
    expect(await store.deleteByTags(["cat_p_1"])).toBe(3);
    expect(await store.get("p1")).toBeUndefined();
    expect(await store.get("list")).toBeUndefined();
    expect(await store.get("p2")).toMatchObject({ value: 2 });
    expect(await store.client.exists(`${prefix}t:cat_p_1`)).toBe(0);
  });

  it("refuses to store an answer loaded before a purge of one of its tags (atomic check in Lua)", async () => {
    const loadedAt = await store.generation();
    await store.deleteByTags(["cat_p_77"]);
    expect(await store.set("late", entry("old price", ["cat_p_77"]), loadedAt)).toBe(false);
    expect(await store.get("late")).toBeUndefined();
    expect(await store.set("late", entry("new price", ["cat_p_77"]), await store.generation())).toBe(true);
    expect(await store.set("other", entry("unrelated", ["cat_p_78"]), loadedAt)).toBe(true);
    await store.deleteByTags(["cat_p_77", "cat_p_78"]);
  });

  it("lists the indexed tags (for regex purges)", async () => {
    await store.set("c5", entry(5, ["cat_c_5"]), await store.generation());
    expect((await store.listTags()).sort()).toEqual(["cat_c_5", "cat_c_p_4", "cat_p_2"]);
  });

  it("gives a lock to one caller at a time", async () => {
    expect(await store.acquireLock("k", 1_000)).toBe(true);
    expect(await store.acquireLock("k", 1_000)).toBe(false);
    await store.releaseLock("k");
    expect(await store.acquireLock("k", 1_000)).toBe(true);
  });

  it("shares one load across two caches (two processes' worth) through the lock", async () => {
    const other = createRedisStore({ url: redisUrl, keyPrefix: prefix, logger, metrics });
    await other.ready();
    const caches = [createCache({ store, logger, metrics }), createCache({ store: other, logger, metrics })];
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { price: 34 };
    };
    const policy = { ttl: 60, swr: 0, tags: () => ["cat_p_9"] };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => caches[i % 2]!.getOrLoad("shared", policy, load)));
    expect(results.every((r) => r.price === 34)).toBe(true);
    expect(loads).toBe(1);
    await other.close();
  });

  it("serves a stale Redis entry within the SWR window and refreshes it once", async () => {
    const clock = createClock(Date.now());
    const timed = createRedisStore({ url: redisUrl, keyPrefix: prefix, logger, metrics, now: clock.now });
    await timed.ready();
    const cache = createCache({ store: timed, logger, metrics, now: clock.now });
    let version = 0;
    const load = async () => ({ version: ++version });
    const policy = { ttl: 60, swr: 600, tags: () => ["cat_p_swr"] };
    expect(await cache.getOrLoad("swr", policy, load)).toEqual({ version: 1 });
    clock.advance(61_000);
    const stale = await Promise.all([cache.getOrLoad("swr", policy, load), cache.getOrLoad("swr", policy, load)]);
    expect(stale).toEqual([{ version: 1 }, { version: 1 }]);
    await vi.waitFor(async () => expect((await timed.get("swr"))?.value).toEqual({ version: 2 }));
    expect(version).toBe(2);
    expect(await cache.getOrLoad("swr", policy, load)).toEqual({ version: 2 });
    await timed.close();
  });

  it("deleteAll only touches its own prefix", async () => {
    const neighbour = uniquePrefix("neighbour");
    await store.client.set(`${neighbour}e:x`, "1");
    await store.deleteAll();
    expect(await store.listTags()).toEqual([]);
    expect(await store.client.get(`${neighbour}e:x`)).toBe("1");
    await store.client.del(`${neighbour}e:x`);
    expect(logger.warnings).toEqual([]);
  });
});
