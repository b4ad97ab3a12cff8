import { describe, expect, it } from "vitest";
import { buildListingHref, formatPriceBucket, parseListingParams, toListingQuery } from "../../lib/listing-params.ts";

const options = { filterCodes: new Set(["color", "price", "category_uid", "size"]), sortFields: new Set(["position", "name", "price"]), defaultPageSize: 12 };
const parse = (query: string) => parseListingParams(new URLSearchParams(query), options);

describe("parseListingParams", () => {
  it("accepts Magento's filter, sort and page parameters", () => {
    expect(parse("color=49&product_list_order=price&product_list_dir=desc&p=2&product_list_limit=24")).toEqual({
      page: 2, pageSize: 24, sort: { field: "price", direction: "DESC" }, filters: { color: "49" },
    });
  });

  it.each([
    ["p=0", { page: 1 }],
    ["p=-3", { page: 1 }],
    ["p=abc", { page: 1 }],
    ["product_list_limit=1000", { pageSize: 12 }],
  ])("rejects the invalid value in %s and uses the default", (query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  it("rejects unknown sort fields and parameters that are not facets", () => {
    expect(parse("product_list_order=drop_table&utm_source=mail&gclid=x&weird=1")).toEqual({ page: 1, pageSize: 12, filters: {} });
  });

  it("maps Luma's cat parameter to the category facet", () => {
    const state = parse("cat=23");
    expect(state.filters).toEqual({ category_uid: "23" });
    expect(toListingQuery(state).filters).toEqual({ category_uid: "MjM=" });
  });

  it("turns a price range into from/to", () => {
    expect(toListingQuery(parse("price=40-50")).filters).toEqual({ price: { from: "40", to: "50" } });
    expect(toListingQuery(parse("price=100-")).filters).toEqual({ price: { from: "100" } });
  });
});

describe("buildListingHref", () => {
  const state = parse("color=49&product_list_order=price&p=3");

  it("keeps the state and changes the page", () => {
    expect(buildListingHref("/gear/bags.html", state, { page: 4 }, 12)).toBe("/gear/bags.html?color=49&product_list_order=price&p=4");
  });

  it("goes back to page 1 when a filter is added", () => {
    expect(buildListingHref("/gear/bags.html", state, { setFilter: { code: "size", value: "168" } }, 12)).toBe("/gear/bags.html?color=49&size=168&product_list_order=price");
  });

  it("writes category filters as Luma's numeric cat", () => {
    expect(buildListingHref("/gear.html", parse(""), { setFilter: { code: "category_uid", value: "MjM=" } }, 12)).toBe("/gear.html?cat=23");
  });

  it("removes a filter and the sort", () => {
    expect(buildListingHref("/gear/bags.html", state, { removeFilter: "color", sort: null }, 12)).toBe("/gear/bags.html");
  });

  it("keeps the search text first", () => {
    expect(buildListingHref("/catalogsearch/result/", parse(""), { page: 2, keep: { q: "bag" } }, 12)).toBe("/catalogsearch/result/?q=bag&p=2");
  });
});

describe("price buckets", () => {
  it("writes GraphQL's 20_30 as Luma's price=20-30 and reads both", () => {
    expect(buildListingHref("/gear/bags.html", parse(""), { setFilter: { code: "price", value: "20_30" } }, 12)).toBe("/gear/bags.html?price=20-30");
    expect(toListingQuery(parse("price=20_30")).filters).toEqual({ price: { from: "20", to: "30" } });
  });

  it.each([
    ["20_30", "$20.00 - $29.99"],
    ["100_*", "$100.00 and above"],
    ["oops", undefined],
  ])("labels %s as %s", (value, label) => {
    expect(formatPriceBucket(value, (amount) => `$${amount.toFixed(2)}`)).toBe(label);
  });
});
