// Magento's `products` arguments → the engine's query, with Magento's errors and the refusals.
import { describe, expect, it } from "vitest";
import type { CatalogMeta } from "../../src/catalog/catalog-meta.ts";
import { SearchInputError, UnsupportedOperationError } from "../../src/errors.ts";
import { readProductsArgs, type ProductsArgs } from "../../src/search/products-args.ts";
import { createTextAnalyzer } from "../../src/text/analyzer.ts";
import { relevance } from "../support/search-fixture.ts";

const meta: CatalogMeta = {
  currency: "USD", productUrlSuffix: ".html", rootCategoryId: 2,
  attributes: [{ code: "color", label: "Color", position: 2, options: [{ value: "49", label: "Black" }] }],
  categories: [{ id: 4, uid: "NA==", name: "Bags", urlPath: "gear/bags", parentId: 3, childIds: [] }],
};
const ctx = { meta, relevance, analyzer: createTextAnalyzer(relevance) };

describe("readProductsArgs", () => {
  it("accepts a search with Magento's defaults: relevance, 20 a page, search visibility", () => {
    expect(readProductsArgs({ search: "Yoga Pants" }, ctx, true)).toEqual({
      searching: true, words: ["yoga", "pants"], pageSize: 20, currentPage: 1,
      query: { text: { words: ["yoga", "pants"], key: "yoga pants" }, filters: [], visibilities: ["search", "both"], sort: [{ field: "relevance", direction: "ASC" }], offset: 0, limit: 20, facets: true },
    });
  });

  it.each<[string, ProductsArgs, unknown]>([
    ["category filters by id, uid and url path", { filter: { category_id: { eq: "4" }, category_uid: { in: ["NA=="] }, category_url_path: { eq: "gear/bags" } } },
      [{ kind: "category", ids: [4] }, { kind: "category", ids: [4] }, { kind: "category", ids: [4] }]],
    ["an unknown url path as no category", { filter: { category_url_path: { eq: "nowhere" } } }, [{ kind: "category", ids: [0] }]],
    ["eq and in together, both applied", { filter: { sku: { eq: "A", in: ["A", "B"] } } }, [{ kind: "sku", values: ["A"] }, { kind: "sku", values: ["A", "B"] }]],
    ["a price range, empty bounds ignored", { filter: { price: { from: "10", to: "" } } }, [{ kind: "price", from: 10 }]],
    ["an attribute the index holds", { filter: { color: { in: ["49", null] } } }, [{ kind: "attribute", code: "color", values: ["49"] }]],
  ])("accepts %s", (_case, args, filters) => {
    expect(readProductsArgs(args, ctx, false).query?.filters).toEqual(filters);
  });

  it("sorts as asked, then filter-only listings by position in catalog visibility", () => {
    expect(readProductsArgs({ filter: {}, sort: { price: "DESC", name: "ASC" }, pageSize: 5, currentPage: 3 }, ctx, false).query)
      .toMatchObject({ sort: [{ field: "price", direction: "DESC" }, { field: "name", direction: "ASC" }], offset: 10, limit: 5, visibilities: ["catalog", "both"] });
    expect(readProductsArgs({ filter: {} }, ctx, false).query?.sort).toEqual([{ field: "position", direction: "ASC" }]);
  });

  it("answers a phrase shorter than the minimum with nothing, and a blank one with everything", () => {
    expect(readProductsArgs({ search: "ab" }, ctx, false).query).toBeUndefined();
    expect(readProductsArgs({ search: "  " }, ctx, false).query?.text).toBeUndefined();
  });

  it.each<[string, ProductsArgs, Error]>([
    ["neither search nor filter", {}, new SearchInputError("'search' or 'filter' input argument is required.")],
    ["pageSize 0", { search: "bag", pageSize: 0 }, new SearchInputError("pageSize value must be greater than 0.")],
    ["a price bound that is not a number", { filter: { price: { to: "ten" } } }, new SearchInputError('Invalid value "ten" for "price.to": a number is expected.')],
    ["a uid that is not one", { filter: { category_uid: { eq: "!!" } } }, new SearchInputError('Value of uid "!!" is incorrect.')],
    ["a text match", { filter: { name: { match: "bag" } } }, new UnsupportedOperationError(["products(filter.name.match)"])],
    ["an attribute the index does not hold", { filter: { purpose: { eq: "1" } } }, new UnsupportedOperationError(["products(filter.purpose)"])],
  ])("rejects %s", (_case, args, error) => {
    expect(() => readProductsArgs(args, ctx, false)).toThrow(error);
  });
});
