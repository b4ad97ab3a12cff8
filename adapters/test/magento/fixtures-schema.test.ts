// Fixtures must be answers Magento 2.4.8 could really give: each one is "executed" against the
// real schema with the document the adapters send (graphql-js resolves fields from the fixture
// data), so a wrong type, enum value or a null in a non-null field fails here.
import { readFileSync } from "node:fs";
import { GRAPHQL_SCHEMA_FILE } from "@strangler/magento-sandbox/data-files";
import { buildClientSchema, execute, parse } from "graphql";
import type { GraphQLTypeResolver, IntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";
import { cartQuery } from "../../src/magento/queries/cart.ts";
import { categoryTreeQuery } from "../../src/magento/queries/categories.ts";
import { cmsPageQuery } from "../../src/magento/queries/cms.ts";
import { productListingQuery, productSearchQuery } from "../../src/magento/queries/listings.ts";
import { productQuery } from "../../src/magento/queries/products.ts";
import { routeQuery } from "../../src/magento/queries/route.ts";
import { storeConfigQuery } from "../../src/magento/queries/store-config.ts";
import { loadFixture } from "../support/fixtures.ts";

const introspection = JSON.parse(readFileSync(GRAPHQL_SCHEMA_FILE, "utf8")) as IntrospectionQuery;
const schema = buildClientSchema(introspection);

// Where a fixture carries no __typename (our documents ask it only where the concrete type matters)
// the interface's usual implementation is assumed; only interface fields are selected there.
const usualTypes: Record<string, string> = { MediaGalleryInterface: "ProductImage", CategoryInterface: "CategoryTree", ProductInterface: "SimpleProduct" };

const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value, _context, _info, abstractType) =>
  (value as { __typename?: string }).__typename ?? usualTypes[abstractType.name];

async function errorsOf(document: string, data: unknown, variables: Record<string, unknown> = {}): Promise<string[]> {
  const result = await execute({ schema, document: parse(document), rootValue: data, variableValues: variables, typeResolver });
  return (result.errors ?? []).map((error) => `${error.path?.join(".") ?? ""}: ${error.message}`);
}

const handWritten: [string, string][] = [
  ["product-simple", productQuery],
  ["product-configurable", productQuery],
  ["category-tree", categoryTreeQuery],
  ["cart", cartQuery],
  ["route-product", routeQuery],
];

const recorded: [string, string][] = [
  ["product-joust-duffle-bag", productQuery],
  ["product-wj12", productQuery],
  ["category-tree", categoryTreeQuery],
  ["listing-bags", productListingQuery],
  ["search-duffle", productSearchQuery],
  ["cms-page-about-us", cmsPageQuery],
  ["route-category", routeQuery],
  ["store-config", storeConfigQuery],
];

describe("fixtures fit the Magento 2.4.8 schema", () => {
  it.each(handWritten)("accepts hand-written %s", async (name, document) => {
    const fixture = loadFixture<{ data: unknown }>(name);
    expect(await errorsOf(document, fixture.data, { filter: {}, cartId: "x", url: "x" })).toEqual([]);
  });

  it.each(recorded)("accepts recorded %s", async (name, document) => {
    const fixture = loadFixture<{ answer: { data: unknown }; variables: Record<string, unknown> }>(`recorded/${name}`);
    expect(await errorsOf(document, fixture.answer.data, fixture.variables)).toEqual([]);
  });

  it("rejects the hand-written listing whose second item has no price: the odd data the reshape must survive", async () => {
    const fixture = loadFixture<{ data: unknown }>("listing-bags");
    expect(await errorsOf(productListingQuery, fixture.data, { filter: {}, pageSize: 2, currentPage: 1 })).toEqual([
      "products.items.1.price_range.minimum_price: Cannot return null for non-nullable field PriceRange.minimum_price.",
    ]);
  });
});
