import { randomUUID } from "node:crypto";
import { inject } from "vitest";

/**
 * The Redis the tests use: the `adapters-cluster` project's cluster (redis+cluster://, provided by its
 * global setup), else REDIS_URL, else the local server. Child processes get it passed as REDIS_URL.
 */
export const redisUrl = inject("redisClusterUrl") ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * A key prefix no other run (or team member) shares. It is its own hash tag, as the stores' prefixes are,
 * so the same tests run unchanged on a Redis Cluster (every key of one prefix in one slot).
 */
export function uniquePrefix(label: string): string {
  return `{strangler:test:adapters:${label}:${randomUUID()}}:`;
}
