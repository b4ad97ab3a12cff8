// The proxy's shared state on a real 3-master Redis Cluster (started here from redis-server processes,
// stopped by pid): REDIS_URL=redis+cluster://… opens an ioredis Cluster, the page-type cache is shared
// between two proxies' resolvers through it, the saved Unleash state and the kill overrides round-trip
// through it; and the proxy reads every Redis URL as the adapters do (one grammar, two copies).
import { randomUUID } from "node:crypto";
import { Cluster } from "ioredis";
import type { ClientFeaturesResponse } from "unleash-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRedisUrl as parseInAdapters } from "@strangler/adapters/redis";
import { createRedisClient, parseRedisUrl, type RedisClient } from "../../src/redis/redis-client.ts";
import { createPageTypeResolver } from "../../src/routing/page-type-resolver.ts";
import { createLease, LeaseLostError } from "../../src/rollout/lease.ts";
import { createRampStore } from "../../src/rollout/ramp-store.ts";
import { initialState } from "../../src/rollout/step-machine.ts";
import { createRedisStateStore } from "../../src/flags/saved-state.ts";
import { createRedisFlagStore } from "../../src/flags/redis-flag-store.ts";
import { loadConfig } from "../../src/config.ts";
// adapters' cluster launcher, shared rather than copied.
import { startRedisCluster, type RedisClusterHandle } from "../../../adapters/test/support/redis-cluster.ts";
import { startFakeMagento, type FakeMagento } from "../support/fake-graphql.ts";

let cluster: RedisClusterHandle;
let magento: FakeMagento;
const clients: RedisClient[] = [];
const run = randomUUID();

function connect(): RedisClient {
  const client = createRedisClient(cluster.url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  [cluster, magento] = await Promise.all([startRedisCluster(3), startFakeMagento({ "/joust-duffle-bag.html": "PRODUCT", "/gear/bags.html": "CATEGORY" })]);
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await magento?.close();
  await cluster?.stop();
});

describe("REDIS_URL=redis+cluster://", () => {
  it("is accepted by the proxy's config and opens a Cluster client", async () => {
    const config = loadConfig({ ADMIN_TOKEN: "a-token-of-16-chars!", LEGACY_URL: "http://127.0.0.1:8081", REDIS_URL: cluster.url });
    expect(config.REDIS_URL).toBe(cluster.url);
    const client = connect();
    expect(client).toBeInstanceOf(Cluster);
    expect(await client.set(`strangler:test:${run}:ping`, "1", "PX", 10_000)).toBe("OK");
  });

  it("shares page types between two proxies: the second answers from the cluster without asking Magento", async () => {
    const options = { legacyUrl: new URL(magento.url), timeoutMs: 1_000, ttlMs: 60_000, negativeTtlMs: 10_000, maxEntries: 100, keyPrefix: `strangler:test:${run}:page-type:` };
    const first = createPageTypeResolver({ ...options, redis: connect() });
    const second = createPageTypeResolver({ ...options, redis: connect() });
    const before = magento.lookups();
    expect(await first.resolve("/joust-duffle-bag.html", "default")).toBe("PRODUCT");
    expect(await first.resolve("/gear/bags.html", "default")).toBe("CATEGORY");
    // The write to Redis is not awaited by resolve(): wait until the cluster has both.
    const reader = connect();
    await expect.poll(() => reader.exists(`${options.keyPrefix}default:/joust-duffle-bag.html`) as Promise<number>).toBe(1);
    await expect.poll(() => reader.exists(`${options.keyPrefix}default:/gear/bags.html`) as Promise<number>).toBe(1);
    expect(await second.resolve("/joust-duffle-bag.html", "default")).toBe("PRODUCT");
    expect(await second.resolve("/gear/bags.html", "default")).toBe("CATEGORY");
    expect(magento.lookups()).toBe(before + 2);
  });

  it("keeps the saved Unleash state and the kill overrides where every proxy finds them", async () => {
    const prefix = `strangler:test:${run}:flags:`;
    const state = { version: 2, features: [{ name: "strangler.product-pages", enabled: true, strategies: [] }] } as unknown as ClientFeaturesResponse;
    await createRedisStateStore(connect(), prefix).set("strangler-proxy", state);
    expect(await createRedisStateStore(connect(), prefix).get("strangler-proxy")).toEqual(state);

    const writer = await createRedisFlagStore(connect(), `${prefix}kills`);
    await writer.update((flags) => void flags.set("strangler.product-pages", { enabled: false, percentage: 0, updatedAt: "2026-12-08T00:00:00.000Z" }));
    const reader = await createRedisFlagStore(connect(), `${prefix}kills`);
    expect(reader.get("strangler.product-pages")).toMatchObject({ enabled: false, percentage: 0 });
  });
});

describe("one Redis URL grammar", () => {
  it.each([
    "redis://127.0.0.1:6379", "rediss://u:p@cache:6380/1", "redis+cluster://10.0.0.5:7000,10.0.0.6:7001",
    "rediss+cluster://default:secret@redis-0.redis:6379/", "redis+cluster://[::1]:7000",
  ])("reads %s as the adapters do", (url) => {
    expect(parseRedisUrl(url)).toEqual(parseInAdapters(url));
  });

  it.each(["localhost:6379", "redis+cluster://10.0.0.5", "redis+cluster://a:1,,b:2", "http://redis"])("refuses %s as the adapters do", (url) => {
    expect(() => parseRedisUrl(url)).toThrow();
    expect(() => parseInAdapters(url)).toThrow();
  });

  it("runs the rollout's lease and fenced ramp writes (multi-key scripts) under the default hash-tagged prefix", async () => {
    const prefix = `{strangler:test:${run}:rollout}:`;
    const key = `${prefix}lease`;
    const redis = connect();
    const store = createRampStore(redis, prefix, key);
    const a = createLease({ redis, key, owner: "a", ttlMs: 200 });
    const b = createLease({ redis, key, owner: "b", ttlMs: 5_000 });
    await a.refresh();
    const stale = a.holder;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.refresh();
    expect(b.token).toBeGreaterThan(a.token ?? 0);
    const state = { ...initialState("p"), status: "ramping" as const, stepIndex: 0, percent: 1 };
    await expect(store.write(state, { holder: stale })).rejects.toThrow(LeaseLostError);
    expect(await store.write(state, { holder: b.holder })).toMatchObject({ version: 1, percent: 1 });
    await b.release();
  });
});
