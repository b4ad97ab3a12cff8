import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

function nest(depth: number): string {
  // graphql-php counts levels of fields with selections from 0: categoryList is 0, each `children` one more.
  return `{ categoryList { ${"children { ".repeat(depth)}uid${" }".repeat(depth)} } }`;
}

describe("Magento-style errors", () => {
  it.each([
    ["an unknown CMS page", `{ cmsPage(identifier: "nope") { title } }`, 'The CMS page with the "nope" ID doesn\'t exist.', "graphql-no-such-entity", ["cmsPage"]],
    ["an unknown CMS block", `{ cmsBlocks(identifiers: ["nope"]) { items { title } } }`, 'The CMS block with the "nope" ID doesn\'t exist.', "graphql-no-such-entity", ["cmsBlocks"]],
    ["an unknown cart", `{ cart(cart_id: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") { id } }`, 'Could not find a cart with ID "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"', "graphql-no-such-entity", ["cart"]],
    ["products without search or filter", `{ products { total_count } }`, "'search' or 'filter' input argument is required.", "graphql-input", ["products"]],
    ["a page past the end", `{ products(search: "hoodie", pageSize: 50, currentPage: 9) { total_count } }`, "currentPage value 9 specified is greater than the 1 page(s) available.", "graphql-input", ["products"]],
    ["an unknown category (deprecated query)", `{ category(id: 9999) { name } }`, "Category doesn't exist", "graphql-no-such-entity", ["category"]],
    ["a bad category uid", `{ products(filter: { category_uid: { eq: "%%%" } }) { total_count } }`, 'Value of uid "%%%" is incorrect.', "graphql-input", ["products"]],
  ])("answers %s with its message and category", async (_name, query, message, category, path) => {
    const { status, body } = await gql.post(query);
    expect(status).toBe(200);
    expect(body.errors).toEqual([{ message, locations: [expect.any(Object)], path, extensions: { category } }]);
  });

  it("answers 403 graphql-authorization for customer data without a token", async () => {
    const { status, body } = await gql.post("{ customer { email } }");
    expect(status).toBe(403);
    expect(body).toEqual({
      errors: [{ message: "The current customer isn't authorized.", locations: [{ line: 1, column: 3 }], path: ["customer"], extensions: { category: "graphql-authorization" } }],
      data: { customer: null },
    });
  });

  it("answers a schema field the sandbox does not implement with an error, never a silent null", async () => {
    const { body } = await gql.post(`{ products(filter: { sku: { eq: "24-MB01" } }) { items { sku websites { name } } } }`);
    expect(body.errors?.[0]).toMatchObject({ message: 'Field "SimpleProduct.websites" is not supported by the Magento sandbox.', path: ["products", "items", 0, "websites"] });
    expect(body.data).toEqual({ products: { items: [{ sku: "24-MB01", websites: null }] } });
  });

  it("answers an unknown field with graphql-js's validation message", async () => {
    const { status, body } = await gql.post("{ products(search: \"bag\") { nope } }");
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toBe('Cannot query field "nope" on type "Products".');
    expect(body.data).toBeUndefined();
  });
});

describe("bad requests", () => {
  it("answers a syntax error with HTTP 400 and Magento's body", async () => {
    const { status, body } = await gql.post("{ products(search: ");
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: "Syntax Error: Unexpected <EOF>", locations: [{ line: 1, column: 20 }], extensions: { category: "graphql" } }] });
  });

  it.each([
    ["invalid JSON", "{ query: oops", 400, "Unable to unserialize value. Error: Syntax error"],
    ["a JSON array", "[1]", 400, 'GraphQL request body must be a JSON object with a "query".'],
    ["a missing query", "{}", 400, 'GraphQL request must include a non-empty "query" string.'],
    ["variables that are not an object", JSON.stringify({ query: "{ __typename }", variables: [1] }), 400, '"variables" must be a JSON object.'],
    ["an unknown operation", JSON.stringify({ query: "query A { __typename }", operationName: "B" }), 200, 'Unknown operation named "B".'],
    ["several operations without a name", JSON.stringify({ query: "query A { __typename } query B { __typename }" }), 200, "Must provide operation name if query contains multiple operations."],
  ])("rejects %s", async (_name, raw, status, message) => {
    const response = await gql.postRaw(raw);
    expect(response.status).toBe(status);
    expect(response.body.errors?.[0]?.message).toBe(message);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const response = await gql.postRaw(Buffer.alloc(1024 * 1024 + 10, 0x20));
    expect(response.status).toBe(413);
  });

  it("refuses mutations over GET", async () => {
    const { status, body } = await gql.get("mutation { createGuestCart { cart { id } } }");
    expect(status).toBe(200);
    expect(body.errors?.[0]).toMatchObject({ message: "Mutation requests allowed only for POST requests", extensions: { category: "graphql-input" } });
  });

  it("rejects variables that are not JSON on GET", async () => {
    const { status, body } = await gql.getRaw(`query=${encodeURIComponent("{ __typename }")}&variables=%7Bnope`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('Unable to unserialize value. Error: "variables" is not valid JSON.');
  });

  it("answers introspection, which stays within the limits", async () => {
    const { body } = await gql.post<{ __schema: { queryType: { name: string } }; __type: { fields: { name: string }[] } }>(`{ __schema { queryType { name } } __type(name: "Cart") { fields { name } } }`);
    expect(body.data!.__schema.queryType.name).toBe("Query");
    expect(body.data!.__type.fields.map((f) => f.name)).toContain("prices");
  });

  it.each([
    ["a variable of the wrong type", { a: "x" }, 'Variable "$a" got invalid value "x"; Int cannot represent non-integer value: "x"'],
    ["a missing required variable", {}, 'Variable "$a" of required type "Int!" was not provided.'],
  ])("answers %s with graphql-js's message", async (_name, variables, message) => {
    const { status, body } = await gql.post(`query ($a: Int!) { products(pageSize: $a, search: "x") { total_count } }`, { variables });
    expect(status).toBe(200);
    expect(body.errors).toEqual([{ message, locations: [{ line: 1, column: 8 }], extensions: { category: "graphql" } }]);
  });

  it("refuses a currency the store does not offer, accepts its own", async () => {
    const { body } = await gql.post("{ storeConfig { store_code } }", { headers: { "Content-Currency": "GBP" } });
    expect(body.errors?.[0]).toMatchObject({ message: "Please correct the target currency", extensions: { category: "graphql-input" } });
    expect((await gql.post("{ storeConfig { store_code } }", { headers: { "Content-Currency": "USD" } })).body.data).toEqual({ storeConfig: { store_code: "default" } });
  });

  it("refuses an unknown store code, serves the default store by its code", async () => {
    const { body } = await gql.post("{ storeConfig { store_code } }", { headers: { Store: "mars" } });
    expect(body.errors?.[0]).toMatchObject({ message: "Requested store is not found", extensions: { category: "graphql-input" } });
    expect((await gql.post("{ storeConfig { store_code } }", { headers: { Store: "default" } })).body).toEqual({ data: { storeConfig: { store_code: "default" } } });
  });
});

describe("query limits (depth 20, complexity 300)", () => {
  it("accepts a query of depth 20", async () => {
    const { body } = await gql.post(nest(20));
    expect(body.errors).toBeUndefined();
  });

  it("refuses a query deeper than 20", async () => {
    const { body } = await gql.post(nest(21));
    expect(body.errors).toEqual([{ message: "Max query depth should be 20 but got 21.", extensions: { category: "graphql" } }]);
  });

  it("refuses a query more complex than 300", async () => {
    const fields = Array.from({ length: 301 }, (_, i) => `a${i}: __typename`).join(" ");
    const { body } = await gql.post(`{ ${fields} }`);
    expect(body.errors).toEqual([{ message: "Max query complexity should be 300 but got 301.", extensions: { category: "graphql" } }]);
  });

  it("keeps serving after all of that", async () => {
    expect((await gql.get("{ storeConfig { store_code } }")).body.data).toEqual({ storeConfig: { store_code: "default" } });
  });
});
