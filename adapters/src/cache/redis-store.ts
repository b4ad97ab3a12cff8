// Redis CacheStore, shared by every process. Layout under the prefix:
//   e:<key>  JSON entry, PX = until it may no longer be served (stale end)
//   t:<tag>  SET of keys tagged so (the tag → keys index a purge walks)
//   l:<key>  single-flight lock, SET NX PX
//   g, p:<tag>  purge generation and the generation of each tag's last purge (see redis-scripts.ts)
// Redis trouble never reaches a reader (purges throw CacheUnavailableError): every operation fails fast (no offline queue, short
// command timeout, no retries), counts `adapters_cache_redis_errors`, warns (at most once per
// 10 s per operation), and reads as a miss, so the caller simply fetches from Magento. ioredis
// keeps reconnecting in the background.
import { Redis } from "ioredis";
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";
import type { CacheEntry, CacheStore } from "./cache-store.ts";
import { purgeTagsScript, setUnlessPurgedScript } from "./redis-scripts.ts";
import { CacheUnavailableError } from "../errors.ts";

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
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 250,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    lazyConnect: false,
  });
  const lastWarned = new Map<string, number>();
  client.on("error", (error) => degrade("connection", error));

  function degrade(operation: string, error: unknown): void {
    options.metrics.increment("adapters_cache_redis_errors", { operation });
    const last = lastWarned.get(operation) ?? 0;
    if (now() - last < 10_000) return;
    lastWarned.set(operation, now());
    options.logger.warn("Redis unavailable, serving without the shared cache", { operation, error: String(error) });
  }

  /** Purges must not pretend to succeed: count, warn, then throw. */
  async function strict<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      degrade(operation, error);
      throw new CacheUnavailableError(operation, { cause: error });
    }
  }

  async function guarded<T>(operation: string, fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      degrade(operation, error);
      return fallback;
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
      for await (const batch of client.scanStream({ match: `${prefix}[etl]:*`, count: 500 })) {
        const keys = batch as string[];
        if (keys.length === 0) continue;
        await client.del(...keys);
        dropped += keys.filter((key) => key.startsWith(`${prefix}e:`)).length;
      }
      return dropped;
    }),
    listTags: () => strict("purge", async () => {
      const tags: string[] = [];
      for await (const batch of client.scanStream({ match: `${prefix}t:*`, count: 500 })) {
        tags.push(...(batch as string[]).map((key) => key.slice(prefix.length + 2)));
      }
      return tags;
    }),
    acquireLock: (key: string, ttlMs: number) => guarded("lock", true, async () => {
      return (await client.set(`${prefix}l:${key}`, "1", "PX", ttlMs, "NX")) === "OK";
    }),
    releaseLock: (key: string) => guarded("unlock", undefined, async () => {
      await client.del(`${prefix}l:${key}`);
    }),
    isLocked: (key: string) => guarded("lock", false, async () => (await client.exists(`${prefix}l:${key}`)) === 1),
    async ready(timeoutMs = 2000) {
      if (client.status === "ready") return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), timeoutMs);
        const onReady = () => done(true);
        function done(ok: boolean) {
          clearTimeout(timer);
          client.off("ready", onReady);
          resolve(ok);
        }
        client.on("ready", onReady);
      });
    },
    async close() {
      client.disconnect();
    },
  };
}
