// A purge of a large tag on the real Redis, through the real endpoint: it completes within its budget,
// or answers 202 with what is left and finishes in the background; the frontend is told either way,
// at once, and again when the background retry completes.
import { createRedisClient, type RedisClient } from "../../src/cache/redis-client.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAdapters, createPurgeHandler, startPurgeServer } from "../../src/index.ts";
import type { Adapters, PurgeHandler, PurgeServer } from "../../src/index.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";

const KEYS = 50_000;
const pattern = { "X-Magento-Tags-Pattern": "((^|,)cat_c_p_2(,|$))|((^|,)cat_p_7(,|$))" };
let client: RedisClient;

beforeAll(() => {
  client = createRedisClient(redisUrl);
});
afterAll(() => client.disconnect());

/** 50,000 entries tagged cat_c_p_2 (a big category listing's products), written straight to Redis. */
async function seedLargeTag(prefix: string): Promise<void> {
  for (let start = 0; start < KEYS; start += 10_000) {
    const pipeline = client.pipeline();
    const keys = Array.from({ length: 10_000 }, (_, i) => `listing-${start + i}`);
    for (const key of keys) pipeline.set(`${prefix}e:${key}`, "{}", "PX", 600_000);
    pipeline.sadd(`${prefix}t:cat_c_p_2`, ...keys);
    await pipeline.exec();
  }
}

async function entriesLeft(prefix: string): Promise<number> {
  const sample = Array.from({ length: 100 }, (_, i) => `${prefix}e:listing-${i * 500}`);
  return (await client.exists(...sample)) + (await client.scard(`${prefix}t:cat_c_p_2`));
}

describe.each([
  ["the default budget", {}, { status: 200, body: { purged: true, tags: ["cat_c_p_2", "cat_p_7"], all: false, dropped: KEYS } }],
  ["a budget of one batch", { budgetMs: 0, retryDelaysMs: Array.from({ length: 60 }, () => 5) },
    { status: 202, body: { purged: false, partial: true, tags: ["cat_c_p_2", "cat_p_7"], all: false, dropped: 1_000, remaining: KEYS - 1_000, retrying: true } }],
])("a PURGE of a tag on 50,000 entries with %s", (_name, budget, expected) => {
  const prefix = uniquePrefix("large-purge");
  const revalidated: { tags: string[]; all: boolean }[] = [];
  let adapters: Adapters;
  let handler: PurgeHandler;
  let server: PurgeServer;

  beforeAll(async () => {
    adapters = createAdapters({ magentoUrl: "http://127.0.0.1:9", redisUrl, redisKeyPrefix: prefix });
    expect(await adapters.ready()).toBe(true);
    handler = createPurgeHandler({ cache: adapters, onPurged: (tags, info) => void revalidated.push({ tags, ...info }), ...budget });
    server = await startPurgeServer({ port: 0, handler });
    await seedLargeTag(prefix);
  });
  afterAll(async () => {
    await server.close();
    await adapters.purgeAll();
    await adapters.close();
  });

  it("answers with what it did and has told the frontend before answering", async () => {
    const res = await fetch(server.url, { method: "PURGE", headers: pattern });
    expect({ status: res.status, body: await res.json() }).toEqual(expected);
    expect(revalidated).toEqual([{ tags: ["cat_c_p_2", "cat_p_7"], all: false }]);
  });

  it("leaves no entry and no index behind once done, and tells the frontend once more after a retry", async () => {
    await vi.waitFor(() => expect(handler.pendingRetries()).toBe(0), { timeout: 10_000, interval: 20 });
    expect(await entriesLeft(prefix)).toBe(0);
    expect(revalidated.length).toBe(expected.status === 202 ? 2 : 1);
  });
});
