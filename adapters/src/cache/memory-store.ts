// In-process CacheStore: an LRU of entries plus a tag → keys index kept in step on eviction.
import { LRUCache } from "lru-cache";
import type { CacheEntry, CacheStore } from "./cache-store.ts";

export interface MemoryStoreOptions {
  /** Max entries before the least recently used goes. Default 5000. */
  maxEntries?: number;
  now?: () => number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  const now = options.now ?? Date.now;
  const tagIndex = new Map<string, Set<string>>();
  const unindex = (key: string, entry: CacheEntry) => {
    for (const tag of entry.tags) {
      const keys = tagIndex.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) tagIndex.delete(tag);
    }
  };
  const lru = new LRUCache<string, CacheEntry>({
    max: options.maxEntries ?? 5000,
    dispose: (entry, key) => unindex(key, entry),
  });

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
    async set<T>(key: string, entry: CacheEntry<T>) {
      lru.set(key, entry as CacheEntry);
      for (const tag of entry.tags) {
        const keys = tagIndex.get(tag) ?? new Set<string>();
        keys.add(key);
        tagIndex.set(tag, keys);
      }
    },
    async deleteByTags(tags: string[]) {
      const keys = new Set(tags.flatMap((tag) => [...(tagIndex.get(tag) ?? [])]));
      for (const key of keys) lru.delete(key);
      return keys.size;
    },
    async deleteAll() {
      const size = lru.size;
      lru.clear();
      tagIndex.clear();
      return size;
    },
    async listTags() {
      return [...tagIndex.keys()];
    },
    async acquireLock() {
      return true;
    },
    async releaseLock() {},
    async ready() {
      return true;
    },
    async close() {
      lru.clear();
    },
  };
}
