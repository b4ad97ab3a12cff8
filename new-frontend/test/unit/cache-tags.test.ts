import { describe, expect, it } from "vitest";
import { expandPurgedTags, navigationTag, toCategoryTags, toCmsTags, toProductTags } from "../../lib/cache-tags.ts";
import { makePrice } from "../support/products.ts";
import type { ProductListing } from "@strangler/adapters";

describe("cache tags", () => {
  it("uses Magento's tags for products, categories with their listed products, and CMS pages", () => {
    expect(toProductTags(14)).toEqual(["cat_p_14"]);
    const listing = { items: [{ id: 1 }, { id: 2 }].map(({ id }) => ({ id, uid: "", sku: "", name: "", type: "SIMPLE" as const, urlKey: "", url: "", price: { min: makePrice(1), max: makePrice(1) }, stockStatus: "IN_STOCK" as const, rating: { summary: 0, reviewCount: 0 } })), total: 2, page: 1, pageSize: 12, pages: 1, facets: [], sortOptions: [] } satisfies ProductListing;
    expect(toCategoryTags(4, listing)).toEqual(["cat_c_4", "cat_c_p_4", "cat_p_1", "cat_p_2"]);
    expect(toCmsTags(5, "about-us")).toEqual(["cms_p_5"]);
    expect(toCmsTags(undefined, "about-us")).toEqual(["cms_p_about-us"]);
  });

  it.each([
    [["cat_p_1", "cat_p_1"], ["cat_p_1"]],
    [["cat_c_4"], ["cat_c_4", navigationTag]],
    [["cat_c"], ["cat_c", navigationTag]],
    [["cat_c_p_4"], ["cat_c_p_4"]],
    [["bad tag with spaces", "cms_p_5"], ["cms_p_5"]],
  ])("expands purged %j to %j", (tags, expected) => {
    expect(expandPurgedTags(tags)).toEqual(expected);
  });
});
