import { randomUUID } from "node:crypto";

/** The Redis the tests use: REDIS_URL (redis:// or redis+cluster://, see test/cluster), else the local server. */
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * A key prefix no other run (or team member) shares. It is its own hash tag, as the stores' prefixes are,
 * so the same tests run unchanged on a Redis Cluster (every key of one prefix in one slot).
 */
export function uniquePrefix(label: string): string {
  return `{strangler:test:adapters:${label}:${randomUUID()}}:`;
}
