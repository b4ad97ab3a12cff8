// The kill overrides of Unleash mode in Redis (when REDIS_URL is set), so one admin call reaches every
// proxy instance sharing that Redis within a refresh, not only those sharing a FLAG_STATE_DIR.
// Same JSON as local-flags.json, under one key; reads are from memory.
import type { Redis } from "ioredis";
import { parseFlagsJson, serializeFlags, type LocalFlagStore } from "./local-store.ts";
import type { LocalFlag } from "./types.ts";

export async function createRedisFlagStore(redis: Redis, key: string): Promise<LocalFlagStore> {
  const where = `flag overrides in Redis key ${key}`;
  let flags = new Map<string, LocalFlag>();
  let seen: string | null = null;
  let writing: Promise<void> = Promise.resolve();

  async function load(): Promise<void> {
    const text = await redis.get(key);
    if (text === seen) return;
    flags = text === null ? new Map() : parseFlagsJson(where, text);
    seen = text;
  }

  async function write(change: (draft: Map<string, LocalFlag>) => void): Promise<void> {
    await load();
    const draft = new Map(flags);
    change(draft);
    const text = serializeFlags(draft);
    await redis.set(key, text);
    flags = draft;
    seen = text;
  }

  // Unreachable at start: begin empty (Unleash alone decides) and let the refresh timer retry.
  await load().catch(() => undefined);
  return {
    location: where,
    get: (name) => flags.get(name),
    entries: () => [...flags.entries()],
    update(change) {
      const next = writing.then(() => write(change));
      writing = next.catch(() => undefined);
      return next;
    },
    refresh: () => load(),
  };
}
