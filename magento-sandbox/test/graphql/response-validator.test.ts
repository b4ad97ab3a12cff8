import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findSchemaProblems } from "../support/graphql-response-validator.ts";

const query = `query ($sku: String) {
  products(filter: { sku: { eq: $sku } }) {
    total_count
    items { __typename uid name stock_status price_range { minimum_price { final_price { value currency } } }
      ... on ConfigurableProduct { variants { product { sku } } } }
  }
}`;

const product = (overrides: Record<string, unknown> = {}) => ({
  __typename: "ConfigurableProduct", uid: "Njg=", name: "Chaz", stock_status: "IN_STOCK",
  price_range: { minimum_price: { final_price: { value: 52, currency: "USD" } } }, variants: [{ product: { sku: "MH01-XS-Black" } }],
  ...overrides,
});
const response = (item: Record<string, unknown>) => ({ data: { products: { total_count: 1, items: [item] } } });

describe("GraphQL response validator", () => {
  it("accepts a conforming response", () => {
    expect(findSchemaProblems(query, response(product()))).toEqual([]);
  });

  it("accepts a Magento error response with null data", () => {
    const body = { errors: [{ message: "x", locations: [{ line: 1, column: 2 }], path: ["products"], extensions: { category: "graphql-input" } }], data: { products: null } };
    expect(findSchemaProblems(query, body)).toEqual([]);
  });

  it.each([
    ["null for a non-null field", product({ uid: null }), "data.products.items[0].uid: null for non-null ID!"],
    ["a value outside an enum", product({ stock_status: "MAYBE" }), 'data.products.items[0].stock_status: "MAYBE" is not a value of enum ProductStockStatus'],
    ["a __typename that is not a possible type", product({ __typename: "CmsPage" }), 'data.products.items[0].__typename "CmsPage" is not a possible type of ProductInterface'],
    ["a missing selected field", (({ name: _n, ...rest }) => rest)(product()), "data.products.items[0].name: missing"],
    ["a field nobody selected", product({ sku: "MH01" }), "data.products.items[0].sku: not selected in the query"],
    ["a string where a Float belongs", product({ price_range: { minimum_price: { final_price: { value: "52", currency: "USD" } } } }), 'data.products.items[0].price_range.minimum_price.final_price.value: "52" is not a Float'],
    ["an object where a list belongs", product({ variants: { product: { sku: "x" } } }), "data.products.items[0].variants: expected a list for [ConfigurableVariant]"],
  ])("rejects %s", (_name, item, problem) => {
    expect(findSchemaProblems(query, response(item))).toEqual([problem]);
  });

  it.each([
    ["an unknown category", { errors: [{ message: "x", extensions: { category: "oops" } }] }, 'errors[0].extensions.category "oops" is not a Magento category'],
    ["an empty message", { errors: [{ message: "", extensions: { category: "graphql" } }] }, "errors[0].message must be a non-empty string"],
    ["an unexpected top-level key", { data: null, errors: [{ message: "x", extensions: { category: "graphql" } }], debug: 1 }, 'unexpected top-level key "debug"'],
  ])("rejects an error body with %s", (_name, body, problem) => {
    expect(findSchemaProblems(query, body)).toEqual([problem]);
  });

  it("requires errors and no data for an unparsable query", () => {
    expect(findSchemaProblems("{ products(", { errors: [{ message: "Syntax Error", extensions: { category: "graphql" } }] })).toEqual([]);
    expect(findSchemaProblems("{ products(", { data: {} })).toEqual(["an unparsable query must not return data", '"errors" must be a non-empty array']);
  });
});

describe("the package's test-support export", () => {
  it("gives other workspaces the same validator by package name", async () => {
    const support = await import("@strangler/magento-sandbox/test-support");
    expect(() => support.assertConformsToSchema(query, response(product({ uid: null })))).toThrow(/data\.products\.items\[0\]\.uid: null for non-null ID!/);
    expect(() => support.assertConforms({ message: 5 }, "error-response")).toThrow(/Body does not conform to error-response/);
  });
});

describe("tests that reach /graphql", () => {
  // Every GraphQL answer in this suite must be schema-checked: through the support client, or
  // (for hand-built requests) with an explicit assertConformsToSchema in the same file.
  const testDir = fileURLToPath(new URL("../", import.meta.url));
  const files = readdirSync(testDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.startsWith("support"));
  it.each(files)("%s checks any raw /graphql answer against the schema", (file) => {
    const source = readFileSync(`${testDir}${file}`, "utf8");
    const raw = source.split("\n").filter((line) => /fetch\(|request\(/.test(line) && /graphql/.test(line) && !/rejects\.toThrow/.test(line));
    if (raw.length > 0) expect(source).toContain("assertConformsToSchema(");
  });
});
