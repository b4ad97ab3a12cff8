// Redis CacheStore, shared by every process. Every key lives under one hash tag (`{strangler:adapters}:`),
// so on a Redis Cluster the whole cache is in one slot and the Lua scripts below, which touch an entry,
// its tag sets and the purge marks at once, stay atomic and legal there. Layout under the prefix:
//   e:<key>  JSON entry, PX = until it may no longer be served (stale end)
//   t:<tag>  SET of keys tagged so (the tag → keys index a purge walks); expires with its longest
//            entry and is pruned of dead members on writes (see redis-scripts.ts)
//   l:<key>  single-flight lock, SET NX PX
//   g, p:<tag>  purge generation and the generation of each tag's last purge (see redis-scripts.ts)
// Redis trouble never reaches a reader: reads become misses, so the caller fetches from Magento;
// purges throw CacheUnavailableError (see redis-connection.ts). A purge walks its keys in batches and
// stops at its deadline, so a tag on 50,000 entries never holds Redis or the caller for long.
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";
import type { CacheEntry, CacheStore, PurgeOutcome } from "./cache-store.ts";
import { areaOfKey } from "./keys.ts";
import { createRedisConnection } from "./redis-connection.ts";
import { isCluster, withHashTag, type RedisClient } from "./redis-client.ts";
import { drainTagsScript, markPurgedScript, setUnlessPurgedScript } from "./redis-scripts.ts";

/** Purge marks must outlive any load in flight when the purge happened. */
const MARK_TTL_SECONDS = 3600;
/** Keys dropped per Redis call: small enough that one call takes about a millisecond. */
const PURGE_BATCH = 1000;
/** Tag-index members checked (and dropped when their entry is gone) per tag on each write. */
const PRUNE_SAMPLE = 3;

export interface RedisStoreOptions {
  url: string;
  /** Default `strangler:adapters:`; wrapped in a hash tag (`{strangler:adapters}:`) unless it has one. */
  keyPrefix?: string;
  /** Per command, in ms. Default 250. */
  commandTimeoutMs?: number;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
  now?: () => number;
}

export function createRedisStore(options: RedisStoreOptions): CacheStore & { client: RedisClient; prefix: string } {
  const prefix = withHashTag(options.keyPrefix ?? "strangler:adapters:");
  // KEYS[1] of every script: it names the slot, so a cluster client sends the script to the node owning it.
  const slotKey = `${prefix}g`;
  const now = options.now ?? Date.now;
  const { client, guarded, strict, waitUntilReady } = createRedisConnection(options);

  async function drainTags(tags: string[], deadline: number): Promise<PurgeOutcome> {
    await client.eval(markPurgedScript, 1, slotKey, prefix, MARK_TTL_SECONDS, ...tags);
    let dropped = 0;
    for (;;) {
      const [batch, remaining] = (await client.eval(drainTagsScript, 1, slotKey, prefix, PURGE_BATCH, ...tags)) as [number, number];
      dropped += batch;
      if (remaining === 0 || now() >= deadline) return { dropped, remaining, complete: remaining === 0 };
    }
  }

  // Marks first, so that no load that started before the flush stores its answer afterwards.
  async function dropEverything(deadline: number): Promise<PurgeOutcome> {
    const generation = await client.incr(`${prefix}g`);
    await client.set(`${prefix}p:*`, generation, "EX", MARK_TTL_SECONDS);
    let dropped = 0;
    // A cluster is scanned master by master; the hash tag puts every key on one of them.
    for (const node of isCluster(client) ? client.nodes("master") : [client]) {
      const stream = node.scanStream({ match: `${prefix}[etl]:*`, count: PURGE_BATCH });
      for await (const batch of stream) {
        const keys = batch as string[];
        if (keys.length > 0) await client.unlink(...keys);
        dropped += keys.filter((key) => key.startsWith(`${prefix}e:`)).length;
        if (now() >= deadline) {
          stream.destroy();
          return { dropped, complete: false };
        }
      }
    }
    return { dropped, complete: true };
  }

  return {
    kind: "redis",
    client,
    prefix,
    get: <T>(key: string) => guarded("get", undefined, async () => {
      const raw = await client.get(`${prefix}e:${key}`);
      return raw ? (JSON.parse(raw) as CacheEntry<T>) : undefined;
    }, areaOfKey(key)),
    generation: () => guarded("generation", 0, async () => Number((await client.get(`${prefix}g`)) ?? 0)),
    set: <T>(key: string, entry: CacheEntry<T>, loadedAt: number) => guarded("set", false, async () => {
      const ttlMs = Math.max(1, entry.staleUntil - now());
      const args = [prefix, key, JSON.stringify(entry), ttlMs, loadedAt, PRUNE_SAMPLE, ...entry.tags];
      return (await client.eval(setUnlessPurgedScript, 1, slotKey, ...args)) === 1;
    }, areaOfKey(key)),
    deleteByTags: (tags: string[], deadline = Infinity) => strict("purge", async () => {
      return tags.length === 0 ? { dropped: 0, remaining: 0, complete: true } : drainTags(tags, deadline);
    }),
    deleteAll: (deadline = Infinity) => strict("purge", () => dropEverything(deadline)),
    acquireLock: (key: string, ttlMs: number) => guarded("lock", true, async () => {
      return (await client.set(`${prefix}l:${key}`, "1", "PX", ttlMs, "NX")) === "OK";
    }, areaOfKey(key)),
    releaseLock: (key: string) => guarded("unlock", undefined, async () => {
      await client.del(`${prefix}l:${key}`);
    }, areaOfKey(key)),
    isLocked: (key: string) => guarded("lock", false, async () => (await client.exists(`${prefix}l:${key}`)) === 1, areaOfKey(key)),
    ready: (timeoutMs = 2000) => waitUntilReady(timeoutMs),
    async close() {
      client.disconnect();
    },
  };
}
