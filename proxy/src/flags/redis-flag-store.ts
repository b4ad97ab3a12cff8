// The kill overrides of Unleash mode in Redis (when REDIS_URL is set), so one admin call reaches every
// proxy instance sharing that Redis within a refresh, not only those sharing a FLAG_STATE_DIR.
// Same JSON as local-flags.json, under one key; reads are from memory.
import type { RedisClient } from "../redis/redis-client.ts";
import { createFlagMapStore, UNCHANGED, type FlagMapBackend, type LocalFlagStore } from "./flag-map-store.ts";

function createRedisBackend(redis: RedisClient, key: string): FlagMapBackend {
  const where = `flag overrides in Redis key ${key}`;
  return {
    location: where,
    label: where,
    async read(lastVersion) {
      const text = await redis.get(key);
      return text === lastVersion ? UNCHANGED : { version: text, text: text ?? undefined };
    },
    async write(text) {
      await redis.set(key, text);
      return text;
    },
  };
}

export async function createRedisFlagStore(redis: RedisClient, key: string): Promise<LocalFlagStore> {
  const store = createFlagMapStore(createRedisBackend(redis, key));
  // Unreachable at start: begin empty (Unleash alone decides) and let the refresh timer retry.
  await store.refresh().catch(() => undefined);
  return store;
}
