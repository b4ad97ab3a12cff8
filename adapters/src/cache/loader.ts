// Loading on a miss: one load per key across processes when the store is shared (Redis lock, the
// others poll for the value while the lock is held), and "store unless purged since we started".
import type { AdapterMetrics } from "../observability.ts";
import type { CachePolicy } from "./cache.ts";
import type { CacheEntry, CacheStore } from "./cache-store.ts";

export interface LoaderOptions {
  store: CacheStore;
  metrics: AdapterMetrics;
  now: () => number;
  lockTtlMs: number;
  pollMs: number;
}

export interface Loader {
  /** `recheck`: read the store again after taking the lock (a concurrent reader may have stored it). */
  loadOnce<T>(key: string, policy: CachePolicy<T>, load: () => Promise<T>, recheck: boolean): Promise<T>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createLoader(options: LoaderOptions): Loader {
  const { store, metrics, now, lockTtlMs, pollMs } = options;

  async function loadAndStore<T>(key: string, policy: CachePolicy<T>, load: () => Promise<T>): Promise<T> {
    const loadedAt = await store.generation();
    const value = await load();
    const at = now();
    const ttl = typeof policy.ttl === "function" ? policy.ttl(value) : policy.ttl;
    const entry: CacheEntry<T> = { value, freshUntil: at + ttl * 1000, staleUntil: at + (ttl + policy.swr) * 1000, tags: policy.tags(value) };
    if (ttl > 0 && !(await store.set(key, entry, loadedAt))) metrics.increment("adapters_cache_store_skipped_after_purge");
    return value;
  }

  /** Another process holds the lock: wait for its value, or until it lets go without storing one. */
  async function waitForOther<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const deadline = now() + lockTtlMs;
    const freshEntry = async () => {
      const entry = await store.get<T>(key);
      return entry && entry.freshUntil > now() ? entry : undefined;
    };
    while (now() < deadline) {
      await sleep(pollMs);
      const entry = await freshEntry();
      if (entry) return entry;
      // The holder may have stored and released between our two reads: look once more.
      if (!(await store.isLocked(key))) return freshEntry();
    }
    return undefined;
  }

  async function loadOnce<T>(key: string, policy: CachePolicy<T>, load: () => Promise<T>, recheck: boolean): Promise<T> {
    if (store.kind === "memory") return loadAndStore(key, policy, load);
    if (await store.acquireLock(key, lockTtlMs)) {
      try {
        // A request that read before another one finished may find it stored by now.
        const entry = recheck ? await store.get<T>(key) : undefined;
        if (entry && entry.freshUntil > now()) return entry.value;
        return await loadAndStore(key, policy, load);
      } finally {
        await store.releaseLock(key);
      }
    }
    metrics.increment("adapters_cache_lock_waits");
    const entry = await waitForOther<T>(key);
    return entry ? entry.value : loadAndStore(key, policy, load);
  }

  return { loadOnce };
}
