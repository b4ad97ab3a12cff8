// Cache-aside over a CacheStore with stale-while-revalidate, single flight and tag purges.
// Every read is counted once as `adapters_cache{area,result}`: hit, stale, miss, or joined (it shared a load
// already under way in this process); purges as `adapters_cache_purges{kind}` (tags or all).
//   fresh hit → value; stale hit (within the SWR window) → value now, one background refresh;
//   miss → one load per key in this process (shared promise) and, with Redis, one across
//   processes (SET NX PX lock; the others poll for the value while the lock is held).
// A load remembers the purge generation it started at; if one of its tags is purged meanwhile its
// answer (possibly read before Magento's save) is returned to its callers but never stored.
// Store failures read as misses (the stores swallow and count them), so a load always happens.
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";
import type { CacheStore, PurgeOutcome } from "./cache-store.ts";
import { areaOfKey } from "./keys.ts";
import { createLoader } from "./loader.ts";
import { createSingleFlight } from "./single-flight.ts";

export interface CachePolicy<T> {
  /** Seconds the value is fresh (may depend on the value, e.g. shorter for "not found"). */
  ttl: number | ((value: T) => number);
  /** Seconds past ttl it may still be served while refreshing. */
  swr: number;
  /** Tags for this value (Magento cache tags); a purge of any of them drops it. */
  tags: (value: T) => string[];
}

export interface Cache {
  getOrLoad<T>(key: string, policy: CachePolicy<T>, load: () => Promise<T>): Promise<T>;
  /** Drops the entries tagged so; stops at `deadline` (epoch ms) with `complete: false`. Default: no deadline. */
  purge(tags: string[], deadline?: number): Promise<PurgeOutcome>;
  purgeAll(deadline?: number): Promise<PurgeOutcome>;
  readonly store: CacheStore;
}

export interface CacheOptions {
  store: CacheStore;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
  now?: () => number;
  /** How long a cross-process lock holds, ms. Default 5000 (should exceed a Magento call). */
  lockTtlMs?: number;
  /** Poll interval while another process loads, ms. Default 20. */
  pollMs?: number;
}

export function createCache(options: CacheOptions): Cache {
  const { store, metrics, logger } = options;
  const now = options.now ?? Date.now;
  const flights = createSingleFlight();
  const { loadOnce } = createLoader({ store, metrics, now, lockTtlMs: options.lockTtlMs ?? 5000, pollMs: options.pollMs ?? 20 });

  function refreshInBackground<T>(key: string, policy: CachePolicy<T>, load: () => Promise<T>): void {
    flights.run(key, () => loadOnce(key, policy, load, false)).catch((error: unknown) => {
      metrics.increment("adapters_cache_refresh_errors");
      logger.warn("background refresh failed; serving stale until the SWR window ends", { key, error: String(error) });
    });
  }

  async function getOrLoad<T>(key: string, policy: CachePolicy<T>, load: () => Promise<T>): Promise<T> {
    const area = areaOfKey(key);
    const pending = flights.pending<T>(key);
    if (pending) {
      metrics.increment("adapters_cache", { area, result: "joined" });
      return pending;
    }
    const entry = await store.get<T>(key);
    const at = now();
    if (entry && entry.freshUntil > at) {
      metrics.increment("adapters_cache_hits");
      metrics.increment("adapters_cache", { area, result: "hit" });
      return entry.value;
    }
    if (entry && entry.staleUntil > at) {
      metrics.increment("adapters_cache_stale_hits");
      metrics.increment("adapters_cache", { area, result: "stale" });
      refreshInBackground(key, policy, load);
      return entry.value;
    }
    // A load may have started while this read the store: run() joins it, and it counts as joined.
    const joined = flights.pending(key) !== undefined;
    if (!joined) metrics.increment("adapters_cache_misses");
    metrics.increment("adapters_cache", { area, result: joined ? "joined" : "miss" });
    return flights.run(key, () => loadOnce(key, policy, load, true));
  }

  // After a purge, new requests must not join a load that started before it.
  return {
    store,
    getOrLoad,
    async purge(tags, deadline) {
      metrics.increment("adapters_cache_purges", { kind: "tags" });
      flights.clear();
      return store.deleteByTags(tags, deadline);
    },
    async purgeAll(deadline) {
      metrics.increment("adapters_cache_purges", { kind: "all" });
      flights.clear();
      return store.deleteAll(deadline);
    },
  };
}
