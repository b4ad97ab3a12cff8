// findUnsupported: the set the proxy's router checks a document against. Tables of operations the
// service answers whole, and of operations it refuses, with exactly what is outside its set.
import { describe, expect, it } from "vitest";
import { findUnsupported } from "../../src/graphql/check-operation.ts";
import { listSupportedPaths } from "../../src/graphql/supported-fields.ts";
import { AUTOCOMPLETE, CATEGORY_FILTERS, CATEGORY_PRODUCTS, FILTERS_BY_SEARCH, PRODUCT_SEARCH, SEARCH_WITH_SUGGESTIONS, SORT_METHODS_BY_SEARCH } from "./venia-operations.ts";

/** Venia's ProductSearch with a field the index does not hold (the gallery). */
const WITH_GALLERY = PRODUCT_SEARCH.replace("stock_status", "stock_status media_gallery { url }");

describe("findUnsupported", () => {
  it.each([
    ["Venia's ProductSearch as sent (rating_summary)", PRODUCT_SEARCH, {}],
    ["review_count and canonical_url", '{ products(search: "bag") { items { review_count canonical_url } } }', {}],
    ["Venia's filters by search", FILTERS_BY_SEARCH, {}],
    ["Venia's sort methods by search", SORT_METHODS_BY_SEARCH, {}],
    ["Venia's autocomplete", AUTOCOMPLETE, {}],
    ["a category listing through a fragment", CATEGORY_PRODUCTS, {}],
    ["aggregations with includeDirectChildrenOnly", CATEGORY_FILTERS, {}],
    ["suggestions", SEARCH_WITH_SUGGESTIONS, {}],
    ["__typename alone", "{ __typename }", {}],
    ["equality, range and category filters", '{ products(filter: { color: { in: ["49", "50"] }, price: { from: "10", to: "50" }, category_uid: { eq: "MTI=" }, sku: { eq: "MH01" } }) { total_count } }', {}],
    ["a filter in a variable", "query ($f: ProductAttributeFilterInput) { products(filter: $f) { total_count } }", { variables: { f: { color: { eq: "49" } } } }],
    ["a filterable attribute the index holds", '{ products(filter: { material: { eq: "1" } }) { total_count } }', { attributeCodes: ["material"] }],
    ["the query of a document that also holds a mutation, named", "query Find { products(search: \"bag\") { total_count } } mutation Buy { createEmptyCart }", { operationName: "Find" }],
    ["two aliased products fields", '{ bags: products(search: "bag") { items { sku } } tees: products(search: "tee") { total_count } }', {}],
    ["fields under a type condition", '{ products(search: "tee") { items { ... on ConfigurableProduct { sku price_range { minimum_price { final_price { value } } } } } } }', {}],
  ])("accepts %s", (_case, query, options) => {
    expect(findUnsupported(query, options)).toEqual([]);
  });

  it.each([
    ["Venia's ProductSearch with the media gallery", WITH_GALLERY, {}, ["products.items.media_gallery"]],
    ["a mutation", "mutation { createEmptyCart }", {}, ["mutation"]],
    ["a document mixing products with another root field", '{ products(search: "bag") { total_count } cart(cart_id: "x") { id } }', {}, ["root field cart"]],
    ["another root field", '{ storeConfig { store_code } }', {}, ["root field storeConfig"]],
    ["a name match filter", '{ products(filter: { name: { match: "bag" } }) { total_count } }', {}, ["products(filter.name)"]],
    ["a description match in a variable", "query ($f: ProductAttributeFilterInput) { products(filter: $f) { total_count } }", { variables: { f: { description: { match: "bag" } } } }, ["products(filter.description)"]],
    ["an attribute the index does not hold", '{ products(filter: { purpose: { eq: "1" } }) { total_count } }', { attributeCodes: ["color"] }, ["products(filter.purpose)"]],
    ["fields outside the set, through a fragment", '{ products(search: "bag") { items { ...F } } } fragment F on ProductInterface { media_gallery { url } categories { breadcrumbs { category_name } } }', {}, ["products.items.media_gallery", "products.items.categories.breadcrumbs"]],
    ["two operations and no name", "query A { products(search: \"a\") { total_count } } query B { products(search: \"b\") { total_count } }", {}, ["operation"]],
    ["an operation name the document lacks", '{ products(search: "a") { total_count } }', { operationName: "Missing" }, ["operation"]],
  ])("rejects %s", (_case, query, options, unsupported) => {
    expect(findUnsupported(query, options)).toEqual(unsupported);
  });

  it("lists the supported paths, leaves and branches", () => {
    const paths = listSupportedPaths();
    expect(paths).toContain("products.items.price_range.minimum_price.final_price.value");
    expect(paths).toContain("products.aggregations.options.count");
    expect(paths).toContain("products.items.rating_summary");
    expect(paths).not.toContain("products.items.media_gallery");
  });
});
