// Cache-aside, stale-while-revalidate, single flight and tag purge over the memory store, with an injected clock.
import { describe, expect, it, vi } from "vitest";
import { createCache } from "../../src/cache/cache.ts";
import { createMemoryStore } from "../../src/cache/memory-store.ts";
import { buildCacheKey } from "../../src/cache/keys.ts";
import { createCounterMetrics } from "../../src/observability.ts";
import { createClock, createRecordingLogger } from "../support/doubles.ts";

function setup() {
  const clock = createClock();
  const metrics = createCounterMetrics();
  const logger = createRecordingLogger();
  const store = createMemoryStore({ now: clock.now });
  const cache = createCache({ store, logger, metrics, now: clock.now });
  let calls = 0;
  let version = 1;
  const load = async () => {
    calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { price: version };
  };
  const policy = { ttl: 60, swr: 30, tags: () => ["cat_p_1"] };
  return { clock, metrics, logger, store, cache, load, policy, calls: () => calls, bump: () => void (version += 1) };
}

describe("createCache", () => {
  it("loads on a miss and serves the cached value while fresh", async () => {
    const t = setup();
    expect(await t.cache.getOrLoad("k", t.policy, t.load)).toEqual({ price: 1 });
    t.bump();
    t.clock.advance(59_000);
    expect(await t.cache.getOrLoad("k", t.policy, t.load)).toEqual({ price: 1 });
    expect(t.calls()).toBe(1);
    expect(t.metrics.snapshot()).toMatchObject({ adapters_cache_misses: 1, adapters_cache_hits: 1 });
  });

  it("serves stale within the SWR window and refreshes once in the background", async () => {
    const t = setup();
    await t.cache.getOrLoad("k", t.policy, t.load);
    t.bump();
    t.clock.advance(61_000);
    const [a, b] = await Promise.all([t.cache.getOrLoad("k", t.policy, t.load), t.cache.getOrLoad("k", t.policy, t.load)]);
    expect([a, b]).toEqual([{ price: 1 }, { price: 1 }]);
    await vi.waitFor(async () => expect((await t.store.get("k"))?.value).toEqual({ price: 2 }));
    expect(t.calls()).toBe(2);
    expect(await t.cache.getOrLoad("k", t.policy, t.load)).toEqual({ price: 2 });
  });

  it("loads afresh once the SWR window has passed", async () => {
    const t = setup();
    await t.cache.getOrLoad("k", t.policy, t.load);
    t.bump();
    t.clock.advance(91_000);
    expect(await t.cache.getOrLoad("k", t.policy, t.load)).toEqual({ price: 2 });
  });

  it("keeps serving stale and warns when the background refresh fails", async () => {
    const t = setup();
    await t.cache.getOrLoad("k", t.policy, t.load);
    t.clock.advance(61_000);
    const failing = async () => { throw new Error("Magento down"); };
    expect(await t.cache.getOrLoad("k", t.policy, failing)).toEqual({ price: 1 });
    await vi.waitFor(() => expect(t.logger.warnings).toHaveLength(1));
    expect(t.logger.warnings).toEqual(["background refresh failed; serving stale until the SWR window ends"]);
    expect(t.metrics.snapshot().adapters_cache_refresh_errors).toBe(1);
  });

  it("shares one load between 200 concurrent misses for the same key", async () => {
    const t = setup();
    const results = await Promise.all(Array.from({ length: 200 }, () => t.cache.getOrLoad("k", t.policy, t.load)));
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set(['{"price":1}']));
    expect(t.calls()).toBe(1);
  });

  it("does not cache a failed load", async () => {
    const t = setup();
    await expect(t.cache.getOrLoad("k", t.policy, async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await t.cache.getOrLoad("k", t.policy, t.load)).toEqual({ price: 1 });
  });

  it("drops exactly the entries tagged with a purged tag", async () => {
    const t = setup();
    await t.cache.getOrLoad("p1", t.policy, t.load);
    await t.cache.getOrLoad("p2", { ...t.policy, tags: () => ["cat_p_2"] }, t.load);
    await t.cache.getOrLoad("list", { ...t.policy, tags: () => ["cat_c_p_4", "cat_p_1", "cat_p_2"] }, t.load);
    expect(await t.cache.purge(["cat_p_1"])).toEqual({ dropped: 2, remaining: 0, complete: true });
    expect(await t.store.get("p1")).toBeUndefined();
    expect(await t.store.get("list")).toBeUndefined();
    expect(await t.store.get("p2")).toBeDefined();
    expect(await t.cache.purge(["cat_p_1", "cat_c_p_4"])).toEqual({ dropped: 0, remaining: 0, complete: true });
    expect(await t.cache.purge(["cat_p_2"])).toEqual({ dropped: 1, remaining: 0, complete: true });
  });

  it("returns but does not store a value whose load started before a purge of its tag", async () => {
    const t = setup();
    let release: () => void = () => {};
    const slow = () => new Promise<{ price: number }>((resolve) => { release = () => resolve({ price: 1 }); });
    const pending = t.cache.getOrLoad("p1", t.policy, slow);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await t.cache.purge(["cat_p_1"]);
    release();
    expect(await pending).toEqual({ price: 1 });
    expect(await t.store.get("p1")).toBeUndefined();
    expect(t.metrics.snapshot().adapters_cache_store_skipped_after_purge).toBe(1);
    t.bump();
    expect(await t.cache.getOrLoad("p1", t.policy, t.load)).toEqual({ price: 2 });
  });

  it("does not let requests after a purge join a load that started before it", async () => {
    const t = setup();
    let release: () => void = () => {};
    const slow = () => new Promise<{ price: number }>((resolve) => { release = () => resolve({ price: 1 }); });
    const before = t.cache.getOrLoad("p1", t.policy, slow);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await t.cache.purgeAll();
    t.bump();
    const after = t.cache.getOrLoad("p1", t.policy, t.load);
    release();
    expect(await before).toEqual({ price: 1 });
    expect(await after).toEqual({ price: 2 });
  });

  it("uses a value-dependent ttl (short for not-found)", async () => {
    const t = setup();
    const policy = { ttl: (value: unknown) => (value === undefined ? 30 : 300), swr: 0, tags: () => [] };
    await t.cache.getOrLoad("missing", policy, async () => undefined);
    t.clock.advance(31_000);
    expect(await t.store.get("missing")).toBeUndefined();
  });
});

describe("buildCacheKey", () => {
  it.each([
    ["store, currency and group are in the key", "product", { sku: "a" }, { store: "de", currency: "EUR", customerGroup: "1" }, 'v1:product:de:EUR:1:{"sku":"a"}'],
    ["defaults read as - and 0", "product", { sku: "a" }, { store: "default", currency: "", customerGroup: "" }, 'v1:product:default:-:0:{"sku":"a"}'],
    ["argument order does not matter", "listing", { b: 2, a: 1 }, { store: "default", currency: "USD", customerGroup: "0" }, 'v1:listing:default:USD:0:{"a":1,"b":2}'],
  ])("accepts: %s", (_name, resource, args, scope, expected) => {
    expect(buildCacheKey(resource, args, scope)).toBe(expected);
  });

  it("hashes long arguments", () => {
    const key = buildCacheKey("search", { text: "x".repeat(500) }, { store: "default", currency: "", customerGroup: "0" });
    expect(key).toMatch(/^v1:search:default:-:0:[A-Za-z0-9_-]{43}$/);
  });
});
