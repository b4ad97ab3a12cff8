import { randomUUID } from "node:crypto";

export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A key prefix no other run (or team member) shares. */
export function uniquePrefix(label: string): string {
  return `strangler:test:adapters:${label}:${randomUUID()}:`;
}
