import { createRedisClient, type RedisClient } from "../redis/redis-client.ts";
import type { FlagsConfig } from "./config.ts";
import { createLocalProvider } from "./local-provider.ts";
import { createLocalFlagStore } from "./local-store.ts";
import { createRedisFlagStore } from "./redis-flag-store.ts";
import { silentLogger, type FlagsLogger } from "./logger.ts";
import { createFileStateStore, createRedisStateStore, trackWrites, type SavedStateStore } from "./saved-state.ts";
import type { ManagedFlagProvider } from "./types.ts";
import { createUnleashProvider } from "./unleash-provider.ts";

export interface FlagProviderDeps {
  logger?: FlagsLogger;
  /** A shared Redis client for the saved Unleash state; not closed by the provider. Default: one from config.redisUrl. */
  redis?: RedisClient;
  /** Injected for tests; default Date.now. */
  now?: () => number;
  /** Injected for tests (random stickiness); default Math.random. */
  random?: () => number;
  /** How long start-up waits for the saved state or the first fetch, in ms; default 2000. */
  startupWaitMs?: number;
}

async function openRedis(config: FlagsConfig, deps: FlagProviderDeps): Promise<{ redis?: RedisClient; owned: boolean }> {
  if (deps.redis) return { redis: deps.redis, owned: false };
  if (!config.redisUrl) return { owned: false };
  // Fail fast instead of queueing: reading or saving flag state must never wait on a Redis that is down.
  const redis = createRedisClient(config.redisUrl, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on("error", (error: unknown) => deps.logger?.warn({ err: error }, "redis for saved flag state unavailable"));
  await redis.connect().catch((error: unknown) => deps.logger?.error({ err: error }, "redis unreachable at start; no saved flag state"));
  return { redis, owned: true };
}

/**
 * Unleash when config.unleash is set (saved state and kill overrides in Redis with REDIS_URL, else in
 * FLAG_STATE_DIR), else the local store in FLAG_STATE_DIR. Resolves once the saved state is loaded or the first fetch is done (at most startupWaitMs).
 */
export async function createFlagProvider(config: FlagsConfig, deps: FlagProviderDeps = {}): Promise<ManagedFlagProvider> {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const store = await createLocalFlagStore(config.stateDir);
  if (!config.unleash) return createLocalProvider({ store, refreshMs: config.refreshMs, random, now, logger });
  const { redis, owned } = await openRedis(config, deps);
  const savedState: SavedStateStore = trackWrites(redis ? createRedisStateStore(redis, config.redisKeyPrefix) : createFileStateStore(config.stateDir), logger);
  const kills = redis ? await createRedisFlagStore(redis, `${config.redisKeyPrefix}kills`) : store;
  const provider = await createUnleashProvider({
    unleash: config.unleash,
    refreshMs: config.refreshMs,
    savedState,
    kills,
    random,
    now,
    logger,
    startupWaitMs: deps.startupWaitMs ?? 2000,
  });
  if (!owned || !redis) return provider;
  return {
    ...provider,
    mode: provider.mode,
    async close() {
      await provider.close();
      redis.disconnect();
    },
  };
}
