// The Redis client and how its failures are handled. Every command fails fast (no offline queue,
// short command timeout, no retries) and ioredis reconnects in the background. A failure counts
// `adapters_cache_redis_errors{operation,area}` (area: the key's resource, `none` for keyless commands) and warns at most once per 10 s per operation; reads
// then fall back (`guarded`), purges throw CacheUnavailableError (`strict`).
import { CacheUnavailableError } from "../errors.ts";
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";
import { traceRedisCall } from "../tracing.ts";
import { createRedisClient, type RedisClient } from "./redis-client.ts";

export interface RedisConnectionOptions {
  /** redis://, rediss:// or redis+cluster:// (see redis-client.ts). */
  url: string;
  /** Per command, in ms. Default 250. */
  commandTimeoutMs?: number;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
  now?: () => number;
}

export interface RedisConnection {
  client: RedisClient;
  guarded<T>(operation: string, fallback: T, run: () => Promise<T>, area?: string): Promise<T>;
  strict<T>(operation: string, run: () => Promise<T>): Promise<T>;
  waitUntilReady(timeoutMs: number): Promise<boolean>;
}

export function createRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const now = options.now ?? Date.now;
  const client = createRedisClient(options.url, {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 250,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  const lastWarned = new Map<string, number>();
  const degrade = (operation: string, error: unknown, area = "none"): void => {
    options.metrics.increment("adapters_cache_redis_errors", { operation, area });
    if (now() - (lastWarned.get(operation) ?? 0) < 10_000) return;
    lastWarned.set(operation, now());
    options.logger.warn("Redis unavailable, serving without the shared cache", { operation, error: String(error) });
  };
  client.on("error", (error) => degrade("connection", error));

  return {
    client,
    async guarded(operation, fallback, run, area) {
      try {
        return await traceRedisCall(operation, run);
      } catch (error) {
        degrade(operation, error, area);
        return fallback;
      }
    },
    async strict(operation, run) {
      try {
        return await traceRedisCall(operation, run);
      } catch (error) {
        degrade(operation, error);
        throw new CacheUnavailableError(operation, { cause: error });
      }
    },
    waitUntilReady: (timeoutMs) => waitForReady(client, timeoutMs),
  };
}

function waitForReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === "ready") return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    function done(ok: boolean) {
      clearTimeout(timer);
      client.off("ready", onReady);
      resolve(ok);
    }
    client.on("ready", onReady);
  });
}
