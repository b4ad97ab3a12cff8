// The contract: Venia's search, filter, sort and aggregation operations against the running service
// (both engines), every answer checked against Magento 2.4.8's schema by the sandbox's validator;
// Magento's own input errors, worded as Magento words them.
import { createGraphQlClient } from "@strangler/magento-sandbox/test-support";
import { describe, expect, inject, it } from "vitest";
import { ENGINES } from "../support/search-fixture.ts";
import {
  AUTOCOMPLETE, CATEGORY_FILTERS, CATEGORY_PRODUCTS, FILTERS_BY_SEARCH, PRODUCT_SEARCH, SEARCH_WITH_SUGGESTIONS, SORT_METHODS_BY_SEARCH,
} from "./venia-operations.ts";

interface Item { sku: string; name: string; price_range: { minimum_price: { final_price: { value: number } } } }
interface Products {
  items: Item[];
  total_count: number;
  page_info: { total_pages: number; current_page?: number; page_size?: number };
  aggregations?: { attribute_code: string; count: number; options: { value: string; label: string; count?: number }[] }[];
  sort_fields?: { default?: string; options: { label: string; value: string }[] };
  suggestions?: { search: string }[];
}
type Answer = { products: Products };

const MEN_TOPS = Buffer.from("12").toString("base64");

describe.each(ENGINES)("the %s engine answers", (engine) => {
  const gql = createGraphQlClient(() => inject(engine === "orama" ? "oramaUrl" : "postgresUrl"));

  it("Venia's ProductSearch: jackets first, prices and images, page info", async () => {
    const { status, body } = await gql.post<Answer>(PRODUCT_SEARCH, { variables: { inputText: "jacket", filters: {} } });
    expect(status).toBe(200);
    const { items, total_count, page_info } = body.data!.products;
    expect(items).toHaveLength(6);
    expect(items.every((item) => /Jacket/.test(item.name))).toBe(true);
    // The 23 jackets, and products whose descriptions mention one.
    expect(total_count).toBeGreaterThanOrEqual(23);
    expect(page_info.total_pages).toBe(Math.ceil(total_count / 6));
  });

  it("Venia's ProductSearch as sent asks rating_summary: the sandbox's ratings and review counts, as Magento answers them", async () => {
    const query = `query Rated($s: String!) { products(search: $s, pageSize: 50) { items { sku rating_summary review_count canonical_url } } }`;
    const service = await gql.post<{ products: { items: { sku: string; rating_summary: number; review_count: number; canonical_url: string }[] } }>(query, { variables: { s: "jacket" } });
    expect(service.status).toBe(200);
    const magento = createGraphQlClient(() => inject("sandboxUrl"));
    const skus = service.body.data!.products.items.map((item) => item.sku);
    const truth = await magento.post<{ products: { items: { sku: string; rating_summary: number; review_count: number; canonical_url: string }[] } }>(
      "query ($skus: [String]) { products(filter: { sku: { in: $skus } }, pageSize: 50) { items { sku rating_summary review_count canonical_url } } }", { variables: { skus } });
    const bySku = (items: { sku: string }[]) => [...items].sort((a, b) => a.sku.localeCompare(b.sku));
    expect(bySku(service.body.data!.products.items)).toEqual(bySku(truth.body.data!.products.items));
    // The sample data has reviews: some jackets are rated, so this compares real values, not zeros.
    expect(service.body.data!.products.items.some((item) => item.rating_summary > 0 && item.review_count > 0)).toBe(true);
  });

  it("Venia's filters by search: layered navigation with counts that add up", async () => {
    const { body } = await gql.post<Answer>(FILTERS_BY_SEARCH, { variables: { search: "jacket" } });
    const aggregations = body.data!.products.aggregations!;
    expect(aggregations.map((a) => a.attribute_code).slice(0, 2)).toEqual(["price", "category_uid"]);
    expect(aggregations.find((a) => a.attribute_code === "color")?.options.map((o) => o.label)).toContain("Black");
    for (const aggregation of aggregations) expect(aggregation.count).toBe(aggregation.options.length);
  });

  it("Venia's sort methods by search: relevance first", async () => {
    const { body } = await gql.post<Answer>(SORT_METHODS_BY_SEARCH, { variables: { search: "bag" } });
    expect(body.data!.products.sort_fields!.options.map((o) => o.value)).toEqual(["relevance", "position", "name", "price"]);
  });

  it("Venia's autocomplete: three items, their counts and the old price field", async () => {
    const { body } = await gql.get<Answer>(AUTOCOMPLETE, { variables: { inputText: "duffle" } });
    expect(body.data!.products.items.map((item) => item.name).sort()).toEqual(["Impulse Duffle", "Joust Duffle Bag", "Overnight Duffle"]);
    expect(body.data!.products.aggregations!.find((a) => a.attribute_code === "price")?.options.reduce((n, o) => n + (o.count ?? 0), 0)).toBe(3);
  });

  it("a category listing sorted by price, page 2", async () => {
    const variables = { pageSize: 5, currentPage: 2, filters: { category_uid: { eq: MEN_TOPS } }, sort: { price: "ASC" } };
    const { body } = await gql.post<Answer>(CATEGORY_PRODUCTS, { variables });
    const { items, page_info, total_count, sort_fields } = body.data!.products;
    const prices = items.map((item) => item.price_range.minimum_price.final_price.value);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(page_info).toEqual({ total_pages: Math.ceil(total_count / 5), current_page: 2, page_size: 5 });
    expect(sort_fields).toEqual({ default: "position", options: [{ label: "Position", value: "position" }, { label: "Product Name", value: "name" }, { label: "Price", value: "price" }] });
  });

  it("a search sorted by name, descending", async () => {
    const { body } = await gql.post<Answer>(PRODUCT_SEARCH, { variables: { inputText: "tee", filters: {}, pageSize: 8, sort: { name: "DESC" } } });
    const names = body.data!.products.items.map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
  });

  it("a search narrowed by color and price", async () => {
    const { body: facets } = await gql.post<Answer>(FILTERS_BY_SEARCH, { variables: { search: "hoodie" } });
    const black = facets.data!.products.aggregations!.find((a) => a.attribute_code === "color")!.options.find((o) => o.label === "Black")!;
    const variables = { inputText: "hoodie", pageSize: 50, filters: { color: { eq: black.value }, price: { from: "40", to: "60" } } };
    const { body } = await gql.post<Answer>(PRODUCT_SEARCH, { variables });
    const prices = body.data!.products.items.map((item) => item.price_range.minimum_price.final_price.value);
    expect(prices.length).toBeGreaterThan(0);
    expect(prices.every((price) => price >= 40 && price <= 60)).toBe(true);
  });

  it("a category's aggregations with its direct children only", async () => {
    const { body } = await gql.post<Answer>(CATEGORY_FILTERS, { variables: { categoryIdFilter: { eq: MEN_TOPS } } });
    const categories = body.data!.products.aggregations!.find((a) => a.attribute_code === "category_uid")!;
    expect(categories.options.map((o) => o.label).sort()).toEqual(["Hoodies & Sweatshirts", "Jackets", "Tanks", "Tees"]);
  });

  it("suggests the word it corrected", async () => {
    const { body } = await gql.post<Answer>(SEARCH_WITH_SUGGESTIONS, { variables: { search: "jackt" } });
    expect(body.data!.products.suggestions).toEqual([{ search: "jacket" }]);
    expect(body.data!.products.items.every((item) => /Jacket/.test(item.name))).toBe(true);
  });

  it.each([
    ["no search and no filter", "{ products { total_count } }", "'search' or 'filter' input argument is required."],
    ["pageSize 0", '{ products(search: "bag", pageSize: 0) { total_count } }', "pageSize value must be greater than 0."],
    ["currentPage 0", '{ products(search: "bag", currentPage: 0) { total_count } }', "currentPage value must be greater than 0."],
    ["a page past the last", '{ products(search: "duffle", pageSize: 2, currentPage: 3) { total_count } }', "currentPage value 3 specified is greater than the 2 page(s) available."],
    ["a price that is not a number", '{ products(filter: { price: { from: "cheap" } }) { total_count } }', 'Invalid value "cheap" for "price.from": a number is expected.'],
    ["a category uid that is not one", '{ products(filter: { category_uid: { eq: "%%%" } }) { total_count } }', 'Value of uid "%%%" is incorrect.'],
  ])("rejects %s as Magento does", async (_case, query, message) => {
    const { status, body } = await gql.post(query);
    expect(status).toBe(200);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { category: "graphql-input" } })]);
  });
});
