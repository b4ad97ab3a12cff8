// The Redis-backed store against the real Redis: two stores (two workers or proxies) add into the same
// minutes, and a flush that cannot reach Redis keeps its counts until Redis is back.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisTrafficStats } from "../../src/stats/redis-traffic-stats.ts";
import { startOwnRedis } from "../../../adapters/test/support/own-redis.ts";
import type { OwnRedis } from "../../../adapters/test/support/own-redis.ts";

const ready = (client: Redis) => new Promise<void>((resolve) => { if (client.status === "ready") resolve(); else client.once("ready", () => resolve()); });
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
let redis: Redis;
const prefix = `strangler:test:stats:${randomUUID()}:`;

beforeAll(async () => {
  redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  await ready(redis);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("redis traffic stats", () => {
  it("sums what two stores recorded into the same minutes", async () => {
    let now = T0 + 5_000;
    const a = createRedisTrafficStats({ redis, keyPrefix: prefix, now: () => now, flushMs: 60_000, retentionMinutes: 60 * 24 * 365 * 100 });
    const b = createRedisTrafficStats({ redis, keyPrefix: prefix, now: () => now, flushMs: 60_000, retentionMinutes: 60 * 24 * 365 * 100 });
    a.record({ plan: "pdp", side: "new", status: 200, durationMs: 3, replayed: false });
    a.record({ plan: "pdp", side: "new", status: 502, durationMs: 3, replayed: true });
    b.record({ plan: "pdp", side: "new", status: 200, durationMs: 3, replayed: false });
    b.record({ plan: "pdp", side: "legacy", status: 200, durationMs: 600, replayed: false });
    b.recordAddToCart("pdp", "legacy", true);
    now = T0 + 65_000;
    b.record({ plan: "cart", side: "legacy", status: 500, durationMs: 1, replayed: false });
    await a.flush();

    const minutes = await b.minutes(undefined, T0, T0 + 120_000);
    expect(minutes.map((m) => [m.plan, m.minute])).toEqual([["pdp", T0], ["cart", T0 + 60_000]]);
    expect(minutes[0]!.new).toMatchObject({ requests: 3, errors: 1, fallbacks: 1 });
    expect(minutes[0]!.new.latency.reduce((x, y) => x + y, 0)).toBe(3);
    expect(minutes[0]!.legacy).toMatchObject({ requests: 1, errors: 0, addToCartAttempts: 1, addToCartSuccesses: 1 });
    expect(minutes[1]!.legacy).toMatchObject({ requests: 1, errors: 1 });
    expect(await a.minutes("cart", T0, T0 + 120_000)).toEqual([minutes[1]]);
    expect(await redis.ttl(`${prefix}m:${T0}:pdp`)).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
  });
});

describe("redis traffic stats when Redis goes away", () => {
  let own: OwnRedis;
  beforeAll(async () => { own = await startOwnRedis(); });
  afterAll(async () => { await own?.kill(); });

  it("keeps the counts of a failed flush and writes them once Redis is back", async () => {
    const client = new Redis(own.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on("error", () => {});
    const stats = createRedisTrafficStats({ redis: client, now: () => Date.now(), flushMs: 60_000 });
    await ready(client);
    const closed = new Promise((resolve) => client.once("close", resolve));
    await own.kill();
    await closed;
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 1, replayed: false });
    await stats.flush();
    await own.start();
    await ready(client);
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 1, replayed: false });
    const minutes = await stats.minutes("pdp", Date.now() - 120_000, Date.now() + 60_000);
    expect(minutes.reduce((sum, m) => sum + m.new.requests, 0)).toBe(2);
    await stats.close();
    client.disconnect();
  });
});
