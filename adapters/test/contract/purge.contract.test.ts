// Contract: a price change in the sandbox, then a Varnish-style PURGE of the tags Magento would
// send → the next read is fresh, while unrelated cached entries stay cached. Run on the Redis store
// (shared tag index) and on the in-memory one.
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, createPurgeHandler, startPurgeServer } from "../../src/index.ts";
import type { Adapters, AdaptersOptions, PurgeServer } from "../../src/index.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

/** Magento's purge header for a list of tags (what its PurgeCache sends Varnish). */
const tagsPattern = (tags: string[]) => tags.map((tag) => `((^|,)${tag}(,|$))`).join("|");

describe.each([
  ["Redis", (): Partial<AdaptersOptions> => ({ redisUrl, redisKeyPrefix: uniquePrefix("purge-contract") })],
  ["memory", (): Partial<AdaptersOptions> => ({})],
])("purge after a price change (%s cache)", (_name, extra) => {
  let adapters: Adapters;
  let server: PurgeServer;
  let calls: string[] = [];
  const revalidated: string[][] = [];

  beforeAll(async () => {
    adapters = createAdapters({ magentoUrl: sandbox.url, onMagentoCall: (operation) => void calls.push(operation), ...extra() });
    await adapters.ready();
    server = await startPurgeServer({ port: 0, handler: createPurgeHandler({ cache: adapters, onPurged: (tags) => void revalidated.push(tags) }) });
  });
  afterAll(async () => {
    await adapters.purgeAll();
    await server.close();
    await adapters.close();
  });

  it("serves the new price after PURGE of the product's tags, keeps unrelated entries", async () => {
    const sku = "24-MB04";
    const original = (await adapters.getProductBySku(sku))!.price.min.final.amount;
    await adapters.getProductBySku("WJ12");
    await adapters.getCmsPage("about-us");
    const bags = await adapters.listProducts({ categoryUid: "NA==", pageSize: 50 });
    expect(bags.items.find((i) => i.sku === sku)?.price.min.final.amount).toBe(original);

    const tags = sandbox.store.catalog.setPrice(sku, original + 10);
    expect((await adapters.getProductBySku(sku))?.price.min.final.amount).toBe(original); // still cached

    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": tagsPattern(tags) } });
    expect(res.status).toBe(200);
    expect(revalidated.at(-1)).toEqual(tags);

    calls = [];
    expect((await adapters.getProductBySku(sku))?.price.min.final.amount).toBe(original + 10);
    const relisted = await adapters.listProducts({ categoryUid: "NA==", pageSize: 50 });
    expect(relisted.items.find((i) => i.sku === sku)?.price.min.final.amount).toBe(original + 10);
    await adapters.getProductBySku("WJ12");
    await adapters.getCmsPage("about-us");
    expect(calls).toEqual(["product", "product listing"]);
    sandbox.store.catalog.setPrice(sku, original);
  });
});
