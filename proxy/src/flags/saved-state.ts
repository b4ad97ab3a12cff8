// Where the last state fetched from Unleash is kept, so a proxy restarted while Unleash is down starts
// from it: a file in FLAG_STATE_DIR, or a Redis key when REDIS_URL is set (shared by all instances).
import { join } from "node:path";
import type { ClientFeaturesResponse } from "unleash-client";
import type { RedisClient } from "../redis/redis-client.ts";
import { readFileIfExists, writeFileAtomic } from "./atomic-file.ts";
import { FlagStateError } from "./errors.ts";
import type { FlagsLogger } from "./logger.ts";

/** unleash-client's StorageProvider seam (get/set by app name). */
export interface SavedStateStore {
  get(key: string): Promise<ClientFeaturesResponse | undefined>;
  set(key: string, data: ClientFeaturesResponse): Promise<void>;
  /** Resolves when writes already started are done (close waits for it). */
  flush?(): Promise<void>;
}

/**
 * Tracks writes in flight, so closing the provider never leaves a half-done save behind. A failed write
 * (Redis down, disk full) is logged, not thrown: thrown, unleash-client would report it as a fetch error
 * and the fresh state would be labelled as saved.
 */
export function trackWrites(store: SavedStateStore, logger: FlagsLogger): SavedStateStore {
  const pending = new Set<Promise<void>>();
  return {
    get: (key) => store.get(key),
    set(key, data) {
      const write = store
        .set(key, data)
        .catch((error: unknown) => logger.warn({ err: error }, "could not save the Unleash state; a restart while Unleash is down would start from the plans' rollout"))
        .finally(() => pending.delete(write));
      pending.add(write);
      return write;
    },
    async flush() {
      await Promise.allSettled([...pending]);
    },
  };
}

function toFileName(key: string): string {
  return `unleash-state-${key.replace(/[^a-zA-Z0-9._-]/g, "_")}.json`;
}

export function createFileStateStore(dir: string): SavedStateStore {
  return {
    async get(key) {
      const path = join(dir, toFileName(key));
      const text = await readFileIfExists(path);
      if (!text?.trim()) return undefined;
      try {
        return JSON.parse(text) as ClientFeaturesResponse;
      } catch (error) {
        throw new FlagStateError(`saved Unleash state ${path} is not valid JSON`, error);
      }
    },
    async set(key, data) {
      await writeFileAtomic(join(dir, toFileName(key)), JSON.stringify(data));
    },
  };
}

export function createRedisStateStore(redis: RedisClient, keyPrefix: string): SavedStateStore {
  return {
    async get(key) {
      const text = await redis.get(`${keyPrefix}unleash-state:${key}`);
      if (!text) return undefined;
      try {
        return JSON.parse(text) as ClientFeaturesResponse;
      } catch (error) {
        throw new FlagStateError(`saved Unleash state in Redis key ${keyPrefix}unleash-state:${key} is not valid JSON`, error);
      }
    },
    async set(key, data) {
      await redis.set(`${keyPrefix}unleash-state:${key}`, JSON.stringify(data));
    },
  };
}
