// The operation a GraphQL request runs, as the router compares it: from a POST's JSON body and a GET's
// query string, through graphql-js's real parse.
import { describe, expect, it } from "vitest";
import { readPostedOperation, readQueryStringOperation } from "../../src/graphql/graphql-request.ts";
import { parseGraphql } from "../../src/shop/graphql-reader.ts";

const post = (payload: unknown) => readPostedOperation(Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload)), parseGraphql);

describe("readPostedOperation", () => {
  it.each([
    ["an anonymous query", { query: "{ products(search: \"bag\") { total_count } }" },
      { type: "query", name: undefined, rootFields: [{ name: "products", arguments: ["search"] }] }],
    ["a named operation among several", { query: "query A { cart(cart_id: \"x\") { id } } query B { products(filter: {}) { total_count } }", operationName: "B" },
      { type: "query", name: "B", rootFields: [{ name: "products", arguments: ["filter"] }] }],
    ["a mutation", { query: "mutation { createEmptyCart }" }, { type: "mutation", name: undefined, rootFields: [{ name: "createEmptyCart", arguments: [] }] }],
    ["aliases by field name, __typename left out", { query: "{ __typename a: products(search: \"x\") { total_count } b: categories { total_count } }" },
      { type: "query", name: undefined, rootFields: [{ name: "products", arguments: ["search"] }, { name: "categories", arguments: [] }] }],
    ["fragments spread at the root, inline ones too", { query: "query Q { ...F ... on Query { categories { total_count } } } fragment F on Query { products(search: \"x\") { total_count } }" },
      { type: "query", name: "Q", rootFields: [{ name: "products", arguments: ["search"] }, { name: "categories", arguments: [] }] }],
    ["a variable with a value", { query: "query Q($s: String) { products(search: $s) { total_count } }", variables: { s: "bag" } },
      { type: "query", name: "Q", rootFields: [{ name: "products", arguments: ["search"] }] }],
    ["a variable without a value, or null", { query: "query Q($s: String, $f: ProductAttributeFilterInput) { products(search: $s, filter: $f) { total_count } }", variables: { f: null } },
      { type: "query", name: "Q", rootFields: [{ name: "products", arguments: [] }] }],
    ["a variable's default value", { query: "query Q($s: String = \"bag\") { products(search: $s) { total_count } }" },
      { type: "query", name: "Q", rootFields: [{ name: "products", arguments: ["search"] }] }],
    ["variables sent as a JSON string", { query: "query Q($s: String) { products(search: $s) { total_count } }", variables: "{\"s\":\"bag\"}" },
      { type: "query", name: "Q", rootFields: [{ name: "products", arguments: ["search"] }] }],
  ])("accepts %s", (_name, payload, operation) => {
    expect(post(payload)).toEqual({ ok: true, operation });
  });

  it.each([
    ["a body that is not JSON", "query { products }", "the body is not JSON"],
    ["a batch", [{ query: "{ products { total_count } }" }], "the body is not one JSON object (a batch?)"],
    ["a persisted query without its text", { extensions: { persistedQuery: { version: 1, sha256Hash: "ab12" } } }, "no query text (a persisted query?)"],
    ["a syntax error", { query: "{ products(" }, "the query does not parse: Syntax Error: Expected Name, found <EOF>."],
    ["several operations without a name", { query: "query A { products { total_count } } query B { categories { total_count } }" }, "2 operations and no operationName"],
    ["an operation name the document lacks", { query: "query A { products { total_count } }", operationName: "B" }, "no operation named B"],
    ["an unknown fragment", { query: "{ ...F }" }, "unknown fragment F"],
    ["a fragment that spreads itself", { query: "{ ...F } fragment F on Query { ...F }" }, "fragment F spreads itself"],
    ["variables that are a list", { query: "{ products { total_count } }", variables: [1] }, "variables are not a JSON object"],
    ["a document past the token bound", { query: `{ products { ${"total_count ".repeat(25_000)} } }` },
      "the query does not parse: Syntax Error: Document contains more that 20000 tokens. Parsing aborted."],
  ])("rejects %s", (_name, payload, problem) => {
    expect(post(payload)).toEqual({ ok: false, problem });
  });
});

describe("readQueryStringOperation", () => {
  it("reads query, operationName and variables from a GET", () => {
    const params = new URLSearchParams({ query: "query S($s: String) { products(search: $s) { total_count } }", operationName: "S", variables: "{\"s\":\"tee\"}" });
    expect(readQueryStringOperation(params, parseGraphql)).toEqual({ ok: true, operation: { type: "query", name: "S", rootFields: [{ name: "products", arguments: ["search"] }] } });
  });

  it.each([
    ["no query parameter", "operationName=S", "no query text (a persisted query?)"],
    ["variables that are not JSON", "query=%7B+products+%7B+total_count+%7D+%7D&variables=%7Bx", "variables are not a JSON object"],
  ])("rejects %s", (_name, search, problem) => {
    expect(readQueryStringOperation(new URLSearchParams(search), parseGraphql)).toEqual({ ok: false, problem });
  });
});
