// The cache's events as the host's metrics see them: each read once as adapters_cache{area,result}
// (hit, stale, miss, joined), by the key's resource, and each purge by kind. Memory store, injected clock.
import { describe, expect, it } from "vitest";
import { createCache } from "../../src/cache/cache.ts";
import { areaOfKey, buildCacheKey } from "../../src/cache/keys.ts";
import { createMemoryStore } from "../../src/cache/memory-store.ts";
import { createCounterMetrics } from "../../src/observability.ts";
import { createClock, createRecordingLogger } from "../support/doubles.ts";

const scope = { store: "default", currency: "USD", customerGroup: "0" };

describe("cache metrics", () => {
  it("count hits, stale serves, misses and single-flight joins by area", async () => {
    const clock = createClock();
    const metrics = createCounterMetrics();
    const cache = createCache({ store: createMemoryStore({ now: clock.now }), logger: createRecordingLogger(), metrics, now: clock.now });
    const policy = { ttl: 60, swr: 30, tags: () => ["cat_p_1"] };
    const load = () => new Promise<string>((resolve) => setTimeout(() => resolve("v"), 20));
    const product = buildCacheKey("product", { sku: "24-MB01" }, scope);
    const category = buildCacheKey("category", { id: 3 }, scope);
    expect([areaOfKey(product), areaOfKey(category), areaOfKey("elsewhere")]).toEqual(["product", "category", "unknown"]);

    await Promise.all([cache.getOrLoad(product, policy, load), cache.getOrLoad(product, policy, load), cache.getOrLoad(product, policy, load)]);
    await cache.getOrLoad(product, policy, load);
    clock.advance(61_000);
    await cache.getOrLoad(product, policy, load);
    await cache.getOrLoad(category, policy, load);
    await cache.purge(["cat_p_1"]);
    await cache.purgeAll();

    expect(metrics.snapshot()).toMatchObject({
      "adapters_cache{area=product,result=miss}": 1,
      "adapters_cache{area=product,result=joined}": 2,
      "adapters_cache{area=product,result=hit}": 1,
      "adapters_cache{area=product,result=stale}": 1,
      "adapters_cache{area=category,result=miss}": 1,
      "adapters_cache_purges{kind=tags}": 1,
      "adapters_cache_purges{kind=all}": 1,
    });
  });
});
