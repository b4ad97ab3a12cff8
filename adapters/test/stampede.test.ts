// 200 concurrent misses for one product make exactly ONE call to a real upstream on port 0:
// in one process (memory and Redis), across two adapter instances sharing Redis, and across two
// separate Node processes sharing Redis (the Redis lock, not an in-process promise, does the work).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters } from "../src/index.ts";
import { startFakeMagento } from "./support/fake-magento.ts";
import type { FakeMagento } from "./support/fake-magento.ts";
import { redisUrl, uniquePrefix } from "./support/redis.ts";

let magento: FakeMagento;
const burst = 200;

beforeAll(async () => {
  magento = await startFakeMagento({ delayMs: 50 });
});
afterAll(async () => magento.close());

function countDuring(run: () => Promise<unknown>) {
  const before = magento.calls();
  return run().then(() => magento.calls() - before);
}

interface ChildResult {
  skus: (string | undefined)[];
  count: number;
}

/** Starts one child per prefix, waits until each is connected, says "go" to all at once, collects. */
async function burstFromProcesses(prefixes: string[], burstEach: number): Promise<ChildResult[]> {
  const children = prefixes.map((prefix) => spawn(process.execPath, [join(import.meta.dirname, "support/stampede-child.ts")], {
    env: { ...process.env, MAGENTO_URL: magento.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, BURST: String(burstEach) },
    stdio: ["pipe", "pipe", "inherit"],
  }));
  const outputs = children.map((child) => {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    return { child, next: async () => (await lines.next()).value as string | undefined };
  });
  try {
    expect(await Promise.all(outputs.map((o) => o.next()))).toEqual(prefixes.map(() => "ready"));
    for (const { child } of outputs) child.stdin!.write("go\n");
    return await Promise.all(outputs.map(async (o) => JSON.parse((await o.next()) ?? "null") as ChildResult));
  } finally {
    for (const { child } of outputs) if (child.exitCode === null) child.kill();
  }
}

async function purgePrefixes(prefixes: string[]): Promise<void> {
  for (const redisKeyPrefix of prefixes) {
    const cleaner = createAdapters({ magentoUrl: magento.url, redisUrl, redisKeyPrefix });
    expect(await cleaner.ready()).toBe(true);
    await cleaner.purgeAll();
    await cleaner.close();
  }
}

describe("stampede", () => {
  it("makes one upstream call for 200 concurrent misses (in-memory cache)", async () => {
    const adapters = createAdapters({ magentoUrl: magento.url });
    const calls = await countDuring(async () => {
      const products = await Promise.all(Array.from({ length: burst }, () => adapters.getProductByUrlKey("joust-duffle-bag")));
      expect(products.every((p) => p?.sku === "24-MB01")).toBe(true);
    });
    expect(calls).toBe(1);
    await adapters.close();
  });

  it("makes one upstream call for 200 concurrent misses (Redis cache, one instance)", async () => {
    const adapters = createAdapters({ magentoUrl: magento.url, redisUrl, redisKeyPrefix: uniquePrefix("stampede-one") });
    expect(await adapters.ready()).toBe(true);
    const calls = await countDuring(() => Promise.all(Array.from({ length: burst }, () => adapters.getProductByUrlKey("joust-duffle-bag"))));
    expect(calls).toBe(1);
    await adapters.purgeAll();
    await adapters.close();
  });

  it("makes one upstream call for 200 concurrent misses split over two instances sharing Redis", async () => {
    const redisKeyPrefix = uniquePrefix("stampede-two");
    const instances = [createAdapters({ magentoUrl: magento.url, redisUrl, redisKeyPrefix }), createAdapters({ magentoUrl: magento.url, redisUrl, redisKeyPrefix })];
    await Promise.all(instances.map((a) => a.ready()));
    const calls = await countDuring(async () => {
      const products = await Promise.all(Array.from({ length: burst }, (_, i) => instances[i % 2]!.getProductByUrlKey("joust-duffle-bag")));
      expect(products.every((p) => p?.price.min.final.amount === 34)).toBe(true);
    });
    expect(calls).toBe(1);
    await instances[0]!.purgeAll();
    await Promise.all(instances.map((a) => a.close()));
  });

  it("without a cache every call goes upstream (the count is real)", async () => {
    const adapters = createAdapters({ magentoUrl: magento.url, cache: false });
    const calls = await countDuring(() => Promise.all(Array.from({ length: 5 }, () => adapters.getProductByUrlKey("joust-duffle-bag"))));
    expect(calls).toBe(5);
  });

  it("makes one upstream call for 200 concurrent misses split over two separate processes sharing Redis", async () => {
    const prefix = uniquePrefix("stampede-processes");
    const calls = await countDuring(async () => {
      const results = await burstFromProcesses([prefix, prefix], burst / 2);
      expect(results).toEqual([{ skus: ["24-MB01"], count: 100 }, { skus: ["24-MB01"], count: 100 }]);
    });
    expect(calls).toBe(1);
    await purgePrefixes([prefix]);
  }, 30_000);

  it("makes one call per process when the processes do not share a cache (the cross-process count is real)", async () => {
    const prefixes = [uniquePrefix("stampede-apart-a"), uniquePrefix("stampede-apart-b")];
    const calls = await countDuring(() => burstFromProcesses(prefixes, burst / 2));
    expect(calls).toBe(2);
    await purgePrefixes(prefixes);
  }, 30_000);
});
