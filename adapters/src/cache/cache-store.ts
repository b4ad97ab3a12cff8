// The storage seam under the cache: small enough that a memory LRU and Redis both fit it.

/** What is stored per key: the value plus when it goes stale and when it must be dropped. */
export interface CacheEntry<T = unknown> {
  value: T;
  /** Epoch ms after which the value is stale (served only while revalidating). */
  freshUntil: number;
  /** Epoch ms after which the value must not be served at all. */
  staleUntil: number;
  tags: string[];
}

export interface CacheStore {
  readonly kind: "memory" | "redis";
  get<T>(key: string): Promise<CacheEntry<T> | undefined>;
  /** Stores the entry and indexes the key under each of its tags. */
  set<T>(key: string, entry: CacheEntry<T>): Promise<void>;
  /** Drops every key indexed under any of the tags; returns how many keys went. */
  deleteByTags(tags: string[]): Promise<number>;
  deleteAll(): Promise<number>;
  /** Every tag currently indexed (lets a purge apply a Varnish-style regex to real tags). */
  listTags(): Promise<string[]>;
  /**
   * Cross-process single flight: try to take a short lock for `key`. Returns true when this process
   * should fetch. Memory stores always return true (in-process sharing is done above the store).
   */
  acquireLock(key: string, ttlMs: number): Promise<boolean>;
  releaseLock(key: string): Promise<void>;
  /** Resolves true once usable, false if not within timeoutMs (calls then degrade to misses). */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}
