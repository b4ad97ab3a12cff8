// A segmented LRU (SLRU) with per-entry expiry, for caches that a flood of one-off keys must not empty.
// New entries land in a small probation segment; only an entry read again there is promoted to the
// protected segment. Evictions come from probation, so random paths (each seen once) churn only
// probation and the pages shoppers really visit, read more than once, stay. A protected entry pushed out
// by a newer promotion drops back to probation, where it gets one more chance.
import type { LruCache } from "./lru-cache.ts";

interface Entry<V> { value: V; expiresAt: number }

export interface SegmentedLruOptions {
  /** Total entries, both segments together. */
  maxEntries: number;
  /** Share of maxEntries kept for probation; default 0.2. */
  probationShare?: number;
  now?: () => number;
}

export function createSegmentedLru<V>(options: SegmentedLruOptions): LruCache<V> {
  const now = options.now ?? Date.now;
  const probationMax = Math.max(1, Math.floor(options.maxEntries * (options.probationShare ?? 0.2)));
  const protectedMax = Math.max(1, options.maxEntries - probationMax);
  // Maps keep insertion order: the first key is the least recently used.
  const probation = new Map<string, Entry<V>>();
  const protectedSegment = new Map<string, Entry<V>>();

  function putProbation(key: string, entry: Entry<V>): void {
    probation.set(key, entry);
    if (probation.size > probationMax) probation.delete(probation.keys().next().value!);
  }

  function promote(key: string, entry: Entry<V>): void {
    protectedSegment.set(key, entry);
    if (protectedSegment.size <= protectedMax) return;
    const [oldestKey, oldest] = protectedSegment.entries().next().value!;
    protectedSegment.delete(oldestKey);
    putProbation(oldestKey, oldest);
  }

  return {
    get(key) {
      const held = protectedSegment.get(key);
      const entry = held ?? probation.get(key);
      if (entry === undefined) return undefined;
      if (held !== undefined) protectedSegment.delete(key);
      else probation.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      promote(key, entry);
      return entry.value;
    },
    set(key, value, ttlMs) {
      const entry = { value, expiresAt: now() + ttlMs };
      if (protectedSegment.has(key)) {
        protectedSegment.delete(key);
        promote(key, entry);
        return;
      }
      probation.delete(key);
      putProbation(key, entry);
    },
    get size() { return probation.size + protectedSegment.size; },
  };
}
