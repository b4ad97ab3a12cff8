// The Redis store on the real redis-server at REDIS_URL, under a unique prefix per run.
import type { RedisClient } from "../../src/cache/redis-client.ts";
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
/** `count` entries tagged `tag`, written straight to Redis (a store.set each would take seconds). */
async function seed(client: RedisClient, keyPrefix: string, tag: string, count: number): Promise<void> {
  const pipeline = client.pipeline();
  for (let i = 0; i < count; i++) {
    pipeline.set(`${keyPrefix}e:${tag}-${i}`, JSON.stringify(entry(i, [tag])), "PX", 60_000);
    pipeline.sadd(`${keyPrefix}t:${tag}`, `${tag}-${i}`);
  }
  await pipeline.exec();
}

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
    expect(await store.deleteByTags(["cat_p_1"])).toEqual({ dropped: 3, remaining: 0, complete: true });
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

  it("expires a tag set no earlier than its longest-lived entry", async () => {
    await store.set("short", entry(1, ["cat_p_ttl"], 5_000), await store.generation());
    const first = await store.client.pttl(`${prefix}t:cat_p_ttl`);
    expect(first).toBeGreaterThan(4_000);
    expect(first).toBeLessThanOrEqual(5_000);
    await store.set("long", entry(2, ["cat_p_ttl"], 60_000), await store.generation());
    expect(await store.client.pttl(`${prefix}t:cat_p_ttl`)).toBeGreaterThan(59_000);
    await store.set("shorter", entry(3, ["cat_p_ttl"], 1_000), await store.generation());
    expect(await store.client.pttl(`${prefix}t:cat_p_ttl`)).toBeGreaterThan(59_000);
  });

  it("prunes members whose entry is gone on every write to the set", async () => {
    const set = `${prefix}t:cat_p_prune`;
    for (let i = 0; i < 50; i++) await store.set(`gone-${i}`, entry(i, ["cat_p_prune"]), await store.generation());
    await store.client.unlink(...Array.from({ length: 50 }, (_, i) => `${prefix}e:gone-${i}`)); // as if they expired
    // Each write checks 3 random members; only "fresh" itself is alive, so each write drops 2 or 3.
    for (let i = 0; i < 25; i++) await store.set("fresh", entry(i, ["cat_p_prune"]), await store.generation());
    expect(await store.client.smembers(set)).toEqual(["fresh"]);
  });

  it("keeps a busy tag set near its live entries while entries come and go", async () => {
    const set = `${prefix}t:cat_c_p_churn`;
    let largest = 0;
    for (let i = 0; i < 1000; i++) {
      await store.set(`search-${i}`, entry(i, ["cat_c_p_churn"]), await store.generation());
      if (i >= 10) await store.client.unlink(`${prefix}e:search-${i - 10}`); // 10 live at a time
      largest = Math.max(largest, await store.client.scard(set));
    }
    expect(largest).toBeLessThanOrEqual(40);
    await store.deleteByTags(["cat_c_p_churn"]);
  });

  it("stops a tag purge at its deadline after one batch, and resumes it on the next call", async () => {
    await seed(store.client, prefix, "cat_p_big", 5_000);
    expect(await store.deleteByTags(["cat_p_big"], Date.now())).toEqual({ dropped: 1_000, remaining: 4_000, complete: false });
    expect(await store.deleteByTags(["cat_p_big"])).toEqual({ dropped: 4_000, remaining: 0, complete: true });
    expect(await store.client.exists(`${prefix}e:cat_p_big-0`, `${prefix}e:cat_p_big-4999`, `${prefix}t:cat_p_big`)).toBe(0);
  });

  it("stops a full flush at its deadline, and finishes it on the next call", async () => {
    const flushing = uniquePrefix("flush");
    const own = createRedisStore({ url: redisUrl, keyPrefix: flushing, logger, metrics });
    expect(await own.ready()).toBe(true);
    await seed(own.client, flushing, "cat_p_all", 5_000);
    const first = await own.deleteAll(Date.now());
    expect(first.complete).toBe(false);
    expect(first.dropped).toBeLessThan(5_000);
    expect(await own.deleteAll()).toEqual({ dropped: 5_000 - first.dropped, complete: true });
    expect(await own.client.exists(`${flushing}t:cat_p_all`)).toBe(0);
    await own.client.del(`${flushing}g`, `${flushing}p:*`);
    await own.close();
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
    expect((await store.deleteAll()).complete).toBe(true);
    expect(await store.client.exists(`${prefix}t:cat_p_2`, `${prefix}e:p2`)).toBe(0);
    expect(await store.client.get(`${neighbour}e:x`)).toBe("1");
    await store.client.del(`${neighbour}e:x`);
    expect(logger.warnings).toEqual([]);
  });
});
