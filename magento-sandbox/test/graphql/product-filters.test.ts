/** `products` arguments one by one: filters, sorting, pagination and their input errors. */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

const QUERY = `query ($filter: ProductAttributeFilterInput, $search: String, $sort: ProductAttributeSortInput, $pageSize: Int, $currentPage: Int) {
  products(filter: $filter, search: $search, sort: $sort, pageSize: $pageSize, currentPage: $currentPage) {
    total_count items { sku name price_range { minimum_price { final_price { value } } } } page_info { current_page page_size total_pages }
  }
}`;

interface Result { total_count: number; items: { sku: string; name: string; price_range: { minimum_price: { final_price: { value: number } } } }[]; page_info: Record<string, number> }

async function products(variables: Record<string, unknown>): Promise<Result> {
  const { body } = await gql.post<{ products: Result }>(QUERY, { variables });
  expect(body.errors).toBeUndefined();
  return body.data!.products;
}

describe("products filters", () => {
  it.each([
    ["sku eq", { sku: { eq: "24-MB01" } }, ["24-MB01"]],
    ["sku in", { sku: { in: ["24-MB01", "MH01", "NOPE"] } }, ["24-MB01", "MH01"]],
    ["url_key eq", { url_key: { eq: "joust-duffle-bag" } }, ["24-MB01"]],
    ["name match", { name: { match: "Joust Duffle" } }, ["24-MB01"]],
    ["category_id eq", { category_id: { eq: "4" }, sku: { eq: "24-MB01" } }, ["24-MB01"]],
    ["category_uid eq", { category_uid: { eq: "NA==" }, sku: { eq: "24-MB01" } }, ["24-MB01"]],
    ["category_url_path eq", { category_url_path: { eq: "gear/bags" }, sku: { eq: "24-MB01" } }, ["24-MB01"]],
    ["description match", { description: { match: "basketball" }, category_id: { eq: "4" } }, ["24-MB01"]],
    ["a category the product is not in", { category_id: { eq: "14" }, sku: { eq: "24-MB01" } }, []],
  ])("accepts %s", async (_name, filter, skus) => {
    expect((await products({ filter })).items.map((p) => p.sku)).toEqual(skus);
  });

  it("filters by price range on the final price", async () => {
    const result = await products({ filter: { category_id: { eq: "4" }, price: { from: "30", to: "40" } }, pageSize: 50 });
    expect(result.total_count).toBeGreaterThan(0);
    expect(result.items.every((p) => p.price_range.minimum_price.final_price.value >= 30 && p.price_range.minimum_price.final_price.value <= 40)).toBe(true);
  });

  it.each([["name", "ASC"], ["name", "DESC"], ["price", "ASC"], ["price", "DESC"]] as const)("sorts bags by %s %s", async (field, direction) => {
    const result = await products({ filter: { category_id: { eq: "4" } }, sort: { [field]: direction }, pageSize: 50 });
    const values = result.items.map((p) => (field === "name" ? p.name : p.price_range.minimum_price.final_price.value));
    const sorted = [...values].sort((a, b) => (typeof a === "string" ? a.localeCompare(b as string) : a - (b as number)));
    expect(values).toEqual(direction === "ASC" ? sorted : sorted.reverse());
  });

  it("pages through a category without overlap", async () => {
    const first = await products({ filter: { category_id: { eq: "4" } }, pageSize: 5, currentPage: 1 });
    const second = await products({ filter: { category_id: { eq: "4" } }, pageSize: 5, currentPage: 2 });
    expect(first.page_info).toEqual({ current_page: 1, page_size: 5, total_pages: 3 });
    expect(first.items.map((p) => p.sku).filter((sku) => second.items.some((p) => p.sku === sku))).toEqual([]);
  });
});

describe("products input errors", () => {
  it.each([
    [{ filter: { sku: { eq: "24-MB01" } }, pageSize: 0 }, "pageSize value must be greater than 0."],
    [{ filter: { sku: { eq: "24-MB01" } }, currentPage: 0 }, "currentPage value must be greater than 0."],
    [{ filter: { category_uid: { in: ["@@"] } } }, 'Value of uid "@@" is incorrect.'],
    [{ filter: { price: { from: "cheap" } } }, 'Invalid value "cheap" for "price.from": a number is expected.'],
  ])("rejects %j", async (variables, message) => {
    const { body } = await gql.post(QUERY, { variables });
    expect(body.errors?.[0]).toMatchObject({ message, extensions: { category: "graphql-input" } });
  });
});
