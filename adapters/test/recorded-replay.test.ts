// Answers recorded from the sandbox (test/fixtures/record.ts) replayed over nock through the public
// API: the reshape of real answers, and Magento's own X-Magento-Tags used for purges.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAdapters } from "../src/index.ts";
import type { Adapters } from "../src/index.ts";
import { loadFixture } from "./support/fixtures.ts";
import { createRecordingLogger } from "./support/doubles.ts";

const origin = "http://magento.test";
interface Recording { tags: string | null; variables: object; answer: object }

function replay(name: string, times = 1): nock.Scope {
  const recording = loadFixture<Recording>(`recorded/${name}`);
  return nock(origin).get("/graphql")
    .query((query) => JSON.stringify(JSON.parse(String(query.variables))) === JSON.stringify(recording.variables))
    .times(times)
    .reply(200, recording.answer, { "content-type": "application/json", ...(recording.tags ? { "x-magento-tags": recording.tags } : {}) });
}

let adapters: Adapters;
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());
beforeAll(() => {
  adapters = createAdapters({ magentoUrl: origin, logger: createRecordingLogger() });
});

describe("recorded sandbox answers through the public API", () => {
  it("reads the configurable jacket and drops it when Magento purges one variant's tag", async () => {
    const scope = replay("product-wj12", 2);
    const jacket = await adapters.getProductBySku("WJ12");
    expect(jacket).toMatchObject({ sku: "WJ12", type: "CONFIGURABLE", url: "/olivia-1-4-zip-light-jacket.html" });
    expect(jacket?.variants).toHaveLength(15);
    expect(jacket?.breadcrumbs.map((b) => b.name)).toEqual(["Women", "Tops", "Jackets"]);
    expect(await adapters.purge(["cat_p_1390"])).toBe(1);
    await adapters.getProductBySku("WJ12");
    expect(scope.isDone()).toBe(true);
  });

  it("reads a CMS page and drops it on Magento's numeric cms_p tag", async () => {
    const scope = replay("cms-page-about-us", 2);
    expect(await adapters.getCmsPage("about-us")).toMatchObject({ identifier: "about-us", url: "/about-us" });
    expect(await adapters.purge(["cms_p_5"])).toBe(1);
    await adapters.getCmsPage("about-us");
    expect(scope.isDone()).toBe(true);
  });

  it("reads a category listing with facets and sort options", async () => {
    replay("listing-bags");
    const listing = await adapters.listProducts({ categoryUid: "NA==", pageSize: 4 });
    expect(listing).toMatchObject({ total: 14, page: 1, pageSize: 4, pages: 4 });
    expect(listing.items.map((i) => i.sku)).toEqual(["24-MB01", "24-MB04", "24-MB03", "24-MB05"]);
    expect(listing.facets.map((f) => f.code)).toContain("price");
    expect(listing.sortOptions.map((o) => o.value)).toEqual(expect.arrayContaining(["position", "name", "price"]));
    expect(await adapters.purge(["cat_c_p_4"])).toBe(1);
  });

  it("reads search results, the category tree, a route and the store config", async () => {
    replay("search-duffle");
    replay("category-tree");
    replay("route-category");
    replay("store-config");
    expect((await adapters.searchProducts({ text: "duffle", pageSize: 4 })).items.map((i) => i.sku)).toContain("24-MB01");
    expect((await adapters.getCategoryTree()).map((c) => c.name)).toContain("Gear");
    expect(await adapters.resolveUrl("gear/bags.html")).toMatchObject({ type: "CATEGORY", id: 4 });
    expect(await adapters.getStoreConfig()).toMatchObject({ storeCode: "default", baseUrl: "http://magento.test/" });
  });

  it("tags every cached read with Magento's X-Magento-Tags, so Magento's generic tags purge them too", async () => {
    // cat_c: the tree, the route and the jacket (Magento tags a product with its categories);
    // cat_p: what is left with products, the search; store_config: the config.
    expect(await adapters.purge(["cat_c"])).toBe(3);
    expect(await adapters.purge(["cat_p"])).toBe(1);
    expect(await adapters.purge(["store_config"])).toBe(1);
  });
});

describe("searchUrl", () => {
  it("sends searchProducts there (the proxy's /graphql, where a plan picks the answering side) and every other read to Magento", async () => {
    const recording = loadFixture<Recording>("recorded/search-duffle");
    const shop = nock("http://shop.test").get("/graphql").query(true).reply(200, recording.answer, { "content-type": "application/json" });
    const magento = replay("listing-bags");
    const routed = createAdapters({ magentoUrl: origin, searchUrl: "http://shop.test/graphql", logger: createRecordingLogger() });
    const found = await routed.searchProducts({ text: "duffle" });
    expect(found.items.length).toBeGreaterThan(0);
    await routed.listProducts({ categoryUid: "NA==", pageSize: 4 });
    expect([shop.isDone(), magento.isDone()]).toEqual([true, true]);
  });

  it("refuses a searchUrl that is not a URL", () => {
    expect(() => createAdapters({ magentoUrl: origin, searchUrl: "proxy/graphql" })).toThrow(/searchUrl must be an absolute http\(s\) URL/);
  });
});
