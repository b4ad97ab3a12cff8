// Where the tests find the machine's Redis and PostgreSQL, and names no other run shares.
import { randomUUID } from "node:crypto";

export const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
export const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** A PostgreSQL schema for one test run (dropped when its engine closes). */
export function uniqueSchema(label: string): string {
  return `search_test_${label}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** A purge channel for one test run. */
export function uniqueChannel(label: string): string {
  return `strangler:test:search:${label}:${randomUUID()}`;
}
