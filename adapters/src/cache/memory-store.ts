// In-process CacheStore: an LRU of entries, a tag → keys index kept in step on eviction, and the
// purge generation with per-tag purge marks (pruned after an hour: no load lasts that long).
import { LRUCache } from "lru-cache";
import type { CacheEntry, CacheStore, PurgeOutcome } from "./cache-store.ts";

export interface MemoryStoreOptions {
  /** Max entries before the least recently used goes. Default 5000. */
  maxEntries?: number;
  now?: () => number;
}

const MARK_LIFETIME_MS = 3_600_000;
const ALL = "*";

export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  const now = options.now ?? Date.now;
  const tagIndex = new Map<string, Set<string>>();
  const purgedAt = new Map<string, { generation: number; at: number }>();
  let generation = 0;
  const unindex = (key: string, entry: CacheEntry) => {
    for (const tag of entry.tags) {
      const keys = tagIndex.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) tagIndex.delete(tag);
    }
  };
  const lru = new LRUCache<string, CacheEntry>({ max: options.maxEntries ?? 5000, dispose: (entry, key) => unindex(key, entry) });

  function markPurged(tags: string[]): void {
    generation += 1;
    const at = now();
    for (const [tag, mark] of purgedAt) if (at - mark.at > MARK_LIFETIME_MS) purgedAt.delete(tag);
    for (const tag of tags) purgedAt.set(tag, { generation, at });
  }

  return {
    kind: "memory",
    async get<T>(key: string) {
      const entry = lru.get(key) as CacheEntry<T> | undefined;
      if (entry && entry.staleUntil <= now()) {
        lru.delete(key);
        return undefined;
      }
      return entry;
    },
    async generation() {
      return generation;
    },
    async set<T>(key: string, entry: CacheEntry<T>, loadedAt: number) {
      if ([ALL, ...entry.tags].some((tag) => (purgedAt.get(tag)?.generation ?? 0) > loadedAt)) return false;
      lru.set(key, entry as CacheEntry);
      for (const tag of entry.tags) {
        const keys = tagIndex.get(tag) ?? new Set<string>();
        keys.add(key);
        tagIndex.set(tag, keys);
      }
      return true;
    },
    // In memory a purge is a map walk, far below any deadline: it always completes.
    async deleteByTags(tags: string[]): Promise<PurgeOutcome> {
      markPurged(tags);
      const keys = new Set(tags.flatMap((tag) => [...(tagIndex.get(tag) ?? [])]));
      for (const key of keys) lru.delete(key);
      return { dropped: keys.size, remaining: 0, complete: true };
    },
    async deleteAll(): Promise<PurgeOutcome> {
      markPurged([ALL]);
      const size = lru.size;
      lru.clear();
      tagIndex.clear();
      return { dropped: size, complete: true };
    },
    async acquireLock() {
      return true;
    },
    async releaseLock() {},
    async isLocked() {
      return false;
    },
    async ready() {
      return true;
    },
    async close() {
      lru.clear();
    },
  };
}
