// 200 concurrent misses for one product make exactly ONE call to a real upstream on port 0:
// in one process (memory and Redis), and across two adapter instances sharing Redis.
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
});
