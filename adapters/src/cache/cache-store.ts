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

/** How far a purge got: `complete` false means entries may still be served until a retry drops them. */
export interface PurgeOutcome {
  dropped: number;
  complete: boolean;
  /** Keys still indexed under the purged tags (tag purges only). */
  remaining?: number;
}

export interface CacheStore {
  readonly kind: "memory" | "redis";
  get<T>(key: string): Promise<CacheEntry<T> | undefined>;
  /**
   * The purge generation: it grows with every purge. A loader reads it BEFORE asking Magento and
   * passes it to `set`, so an answer loaded before a purge of one of its tags is never stored.
   */
  generation(): Promise<number>;
  /**
   * Stores the entry and indexes the key under each of its tags, unless one of its tags (or
   * everything) was purged after `loadedAt` (a generation); returns whether it was stored.
   */
  set<T>(key: string, entry: CacheEntry<T>, loadedAt: number): Promise<boolean>;
  /**
   * Marks the tags purged, then drops every key indexed under them, batch by batch, until done or
   * `deadline` (epoch ms; at least one batch always runs). Calling it again resumes an incomplete
   * purge. Throws CacheUnavailableError if it could not reach the store.
   */
  deleteByTags(tags: string[], deadline?: number): Promise<PurgeOutcome>;
  /** Marks everything purged, then drops every entry, as deleteByTags does with a deadline. */
  deleteAll(deadline?: number): Promise<PurgeOutcome>;
  /**
   * Cross-process single flight: try to take a short lock for `key`. Returns true when this process
   * should fetch. Memory stores always return true (in-process sharing is done above the store).
   */
  acquireLock(key: string, ttlMs: number): Promise<boolean>;
  releaseLock(key: string): Promise<void>;
  /** Whether someone holds the lock (waiters stop waiting when the holder gave up without storing). */
  isLocked(key: string): Promise<boolean>;
  /** Resolves true once usable, false if not within timeoutMs (calls then degrade to misses). */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}
