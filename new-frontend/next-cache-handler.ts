// Next's cache (ISR pages, route entries, unstable_cache entries and their tags) in Redis, shared by every
// replica of the frontend: a page rendered by one is served by all, and one revalidateTag — from
// /api/revalidate on whichever replica the purge reached — drops the page for all of them.
// next.config.ts names this file as `cacheHandler` only when REDIS_URL is set; Next imports it at start
// (outside its bundler, so it reads the environment through lib/config.ts like the rest).
//
// The handler is @fortedigital/nextjs-cache-handler (its `redis-strings` handler, over our ioredis client
// through its ioredisAdapter), maintained for Next 16. Keys live under `{<NEXT_CACHE_KEY_PREFIX>}<buildId>:`:
//  - one hash tag, so on a Redis Cluster its multi-key commands (UNLINK of a tag's pages, the tag hashes)
//    stay in one slot;
//  - the build id, so during a rolling deploy a replica never serves a page rendered by another build
//    (whose client chunks it does not have).
// Redis trouble is a miss (the handler's errors are caught by CacheHandler): the page is rendered again,
// never an error for the shopper.
import { CacheHandler } from "@fortedigital/nextjs-cache-handler";
import createRedisHandler from "@fortedigital/nextjs-cache-handler/redis-strings";
import { ioredisAdapter } from "@fortedigital/nextjs-cache-handler/helpers/ioredisAdapter";
import type { Redis } from "ioredis";
import { createRedisClient, withHashTag } from "@strangler/adapters/redis";
import { parseFrontendConfig } from "./lib/config.ts";

/** How long start-up waits for Redis before serving without it (pages are rendered until it is back). */
const CONNECT_WAIT_MS = 2_000;

CacheHandler.onCreation(async ({ buildId }) => {
  const config = parseFrontendConfig(process.env);
  if (!config.redisUrl) return { handlers: [] };
  const client = createRedisClient(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  client.on("error", (error: unknown) => console.warn(`next cache: Redis unavailable, rendering without the shared cache (${String(error)})`));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CONNECT_WAIT_MS);
    client.once("ready", () => (clearTimeout(timer), resolve()));
  });
  const keyPrefix = `${withHashTag(config.nextCacheKeyPrefix)}${buildId ?? "dev"}:`;
  // The adapter is typed for a single server but calls only commands a Cluster has too (get, set, hscan,
  // hset, hexists, hmget, hdel, unlink, expireat, status).
  return { handlers: [createRedisHandler({ client: ioredisAdapter(client as Redis), keyPrefix, timeoutMs: 1_000 })] };
});

export default CacheHandler;
