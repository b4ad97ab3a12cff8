// The proxy's own traffic stats store, chosen once at start-up: Redis when REDIS_URL is set (so every
// worker and instance adds into the same minutes), else this process's memory. Its Redis connection is
// its own: the page-type cache's 50 ms command timeout is too tight for reading three hours of minutes.
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ProxyConfig } from "../config.ts";
import { createMemoryTrafficStats } from "./memory-traffic-stats.ts";
import { createRedisTrafficStats } from "./redis-traffic-stats.ts";
import type { TrafficStats } from "./traffic-stats.ts";

export interface StatsStore {
  traffic: TrafficStats;
  /** The Redis connection the admin side shares (audit log), when REDIS_URL is set. */
  redis: Redis | undefined;
  close(): Promise<void>;
}

type StatsConfig = Pick<ProxyConfig, "REDIS_URL" | "STATS_REDIS_PREFIX" | "STATS_RETENTION_MINUTES">;

export function openStatsStore(config: StatsConfig, logger: Logger, now?: () => number): StatsStore {
  const retentionMinutes = config.STATS_RETENTION_MINUTES;
  if (config.REDIS_URL === undefined) {
    return { traffic: createMemoryTrafficStats({ retentionMinutes, now }), redis: undefined, close: async () => {} };
  }
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 2_000, connectTimeout: 1_000 });
  redis.on("error", (error: unknown) => logger.debug({ err: error }, "redis for traffic stats unavailable"));
  const traffic = createRedisTrafficStats({ redis, keyPrefix: config.STATS_REDIS_PREFIX, retentionMinutes, now, logger });
  return {
    traffic, redis,
    async close() {
      await traffic.close();
      redis.disconnect();
    },
  };
}
