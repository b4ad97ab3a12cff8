// What the `adapters-cluster` project runs on: a real 3-master Redis Cluster (REDIS_URL=redis+cluster://…
// from its global setup), and the adapters' keys there: every key of one store in its prefix's slot.
import { afterAll, describe, expect, it } from "vitest";
import { Cluster } from "ioredis";
import { createRedisStore } from "../../src/cache/redis-store.ts";
import { createRedisClient, parseRedisUrl } from "../../src/cache/redis-client.ts";
import { createCounterMetrics } from "../../src/observability.ts";
import { createRecordingLogger } from "../support/doubles.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";

const client = createRedisClient(redisUrl);
afterAll(() => client.disconnect());

const entry = (value: unknown, tags: string[]) => ({ value, freshUntil: Date.now() + 60_000, staleUntil: Date.now() + 60_000, tags });

describe("the adapters on a Redis Cluster", () => {
  it("talks to a cluster of three masters that serve all 16384 slots", async () => {
    expect(parseRedisUrl(redisUrl).kind).toBe("cluster");
    expect(client).toBeInstanceOf(Cluster);
    const cluster = client as Cluster;
    const slots = (await cluster.cluster("SLOTS")) as [number, number, ...unknown[]][];
    expect(new Set(slots.map((range) => JSON.stringify(range[2]))).size).toBe(3);
    expect(slots.reduce((sum, [from, to]) => sum + to - from + 1, 0)).toBe(16_384);
  });

  it("keeps an entry, its tag sets and the purge marks of one store in one slot, and purges them together", async () => {
    const store = createRedisStore({ url: redisUrl, keyPrefix: uniquePrefix("cluster"), logger: createRecordingLogger(), metrics: createCounterMetrics() });
    expect(await store.ready()).toBe(true);
    await store.set("v1:product:default:USD:0:{}", entry({ sku: "24-MB01" }, ["cat_p_1", "cat_c_4"]), await store.generation());
    await store.deleteByTags(["cat_p_9"]);
    const cluster = client as Cluster;
    const keys: string[] = [];
    for (const node of cluster.nodes("master")) keys.push(...(await node.keys(`${store.prefix}*`)));
    expect(keys.sort()).toEqual([`${store.prefix}e:v1:product:default:USD:0:{}`, `${store.prefix}g`, `${store.prefix}p:cat_p_9`, `${store.prefix}t:cat_c_4`, `${store.prefix}t:cat_p_1`]);
    const slotsOfKeys = await Promise.all(keys.map((key) => cluster.cluster("KEYSLOT", key)));
    expect(new Set(slotsOfKeys).size).toBe(1);
    expect(await store.deleteByTags(["cat_c_4"])).toEqual({ dropped: 1, remaining: 0, complete: true });
    expect(await store.deleteAll()).toEqual({ dropped: 0, complete: true });
    await store.close();
  });

  it("spreads different stores over the masters (each prefix is its own hash tag)", async () => {
    const cluster = client as Cluster;
    const slots = await Promise.all(Array.from({ length: 30 }, (_, i) => cluster.cluster("KEYSLOT", `${uniquePrefix(`spread-${i}`)}g`)));
    const owners = new Set(slots.map((slot) => Number(slot) < 5461 ? 0 : Number(slot) < 10923 ? 1 : 2));
    expect(owners.size).toBe(3);
  });
});
