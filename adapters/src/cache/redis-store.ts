// Redis CacheStore, shared by every process. Layout under the prefix:
//   e:<key>  JSON entry, PX = until it may no longer be served (stale end)
//   t:<tag>  SET of keys tagged so (the tag → keys index a purge walks)
//   l:<key>  single-flight lock, SET NX PX
//   g, p:<tag>  purge generation and the generation of each tag's last purge (see redis-scripts.ts)
// Redis trouble never reaches a reader: reads become misses, so the caller fetches from Magento;
// purges throw CacheUnavailableError (see redis-connection.ts).
import type { Redis } from "ioredis";
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";
import type { CacheEntry, CacheStore } from "./cache-store.ts";
import { createRedisConnection } from "./redis-connection.ts";
import { purgeTagsScript, setUnlessPurgedScript } from "./redis-scripts.ts";

/** Purge marks must outlive any load in flight when the purge happened. */
const MARK_TTL_SECONDS = 3600;

export interface RedisStoreOptions {
  url: string;
  /** Default `strangler:adapters:`. */
  keyPrefix?: string;
  /** Per command, in ms. Default 250. */
  commandTimeoutMs?: number;
  /** How long tag index sets live, in seconds. Default 7 days. */
  tagTtlSeconds?: number;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
  now?: () => number;
}

export function createRedisStore(options: RedisStoreOptions): CacheStore & { client: Redis } {
  const prefix = options.keyPrefix ?? "strangler:adapters:";
  const now = options.now ?? Date.now;
  const { client, guarded, strict, waitUntilReady } = createRedisConnection(options);

  async function scanKeys(match: string, onBatch: (keys: string[]) => Promise<void>): Promise<void> {
    for await (const batch of client.scanStream({ match, count: 500 })) {
      const keys = batch as string[];
      if (keys.length > 0) await onBatch(keys);
    }
  }

  return {
    kind: "redis",
    client,
    get: <T>(key: string) => guarded("get", undefined, async () => {
      const raw = await client.get(`${prefix}e:${key}`);
      return raw ? (JSON.parse(raw) as CacheEntry<T>) : undefined;
    }),
    generation: () => guarded("generation", 0, async () => Number((await client.get(`${prefix}g`)) ?? 0)),
    set: <T>(key: string, entry: CacheEntry<T>, loadedAt: number) => guarded("set", false, async () => {
      const ttlMs = Math.max(1, entry.staleUntil - now());
      const args = [prefix, key, JSON.stringify(entry), ttlMs, loadedAt, options.tagTtlSeconds ?? 7 * 86_400, MARK_TTL_SECONDS, ...entry.tags];
      return (await client.eval(setUnlessPurgedScript, 0, ...args)) === 1;
    }),
    deleteByTags: (tags: string[]) => strict("purge", async () => {
      if (tags.length === 0) return 0;
      return Number(await client.eval(purgeTagsScript, 0, prefix, MARK_TTL_SECONDS, ...tags));
    }),
    deleteAll: () => strict("purge", async () => {
      const generation = await client.incr(`${prefix}g`);
      await client.set(`${prefix}p:*`, generation, "EX", MARK_TTL_SECONDS);
      let dropped = 0;
      await scanKeys(`${prefix}[etl]:*`, async (keys) => {
        await client.del(...keys);
        dropped += keys.filter((key) => key.startsWith(`${prefix}e:`)).length;
      });
      return dropped;
    }),
    listTags: () => strict("purge", async () => {
      const tags: string[] = [];
      await scanKeys(`${prefix}t:*`, async (keys) => void tags.push(...keys.map((key) => key.slice(prefix.length + 2))));
      return tags;
    }),
    acquireLock: (key: string, ttlMs: number) => guarded("lock", true, async () => {
      return (await client.set(`${prefix}l:${key}`, "1", "PX", ttlMs, "NX")) === "OK";
    }),
    releaseLock: (key: string) => guarded("unlock", undefined, async () => {
      await client.del(`${prefix}l:${key}`);
    }),
    isLocked: (key: string) => guarded("lock", false, async () => (await client.exists(`${prefix}l:${key}`)) === 1),
    ready: (timeoutMs = 2000) => waitUntilReady(timeoutMs),
    async close() {
      client.disconnect();
    },
  };
}
