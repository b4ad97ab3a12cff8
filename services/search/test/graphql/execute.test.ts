// The gate before execution, over HTTP: an operation or request outside the served set is refused
// whole (422, X-Search-Refused, what was outside it), never half answered; bad requests get Magento's
// answers; nothing is answered before the index is built (503).
import { createAdapters } from "@strangler/adapters";
import { createGraphQlClient } from "@strangler/magento-sandbox/test-support";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOramaEngine } from "../../src/engine/orama/orama-engine.ts";
import { startSearchServer, type SearchServer } from "../../src/http/server.ts";
import { quietLogger } from "../../src/logger.ts";
import { createSearchService } from "../../src/service.ts";
import { createTextAnalyzer } from "../../src/text/analyzer.ts";
import { relevance } from "../support/search-fixture.ts";
import { PRODUCT_SEARCH } from "./venia-operations.ts";

const gql = createGraphQlClient(() => inject("oramaUrl"));
const refusal = (unsupported: string[]) => ({
  errors: [{ message: `The search service does not answer ${unsupported.join(", ")}; send this operation to Magento.`, extensions: { category: "graphql", unsupported } }],
});

describe("the gate", () => {
  it.each([
    ["Venia's ProductSearch with the media gallery", PRODUCT_SEARCH.replace("stock_status", "stock_status media_gallery { url }"), { inputText: "bag", filters: {} }, {}, ["products.items.media_gallery"]],
    ["a mutation", "mutation { createEmptyCart }", {}, {}, ["mutation"]],
    ["a document mixing root fields", '{ products(search: "bag") { total_count } storeConfig { store_code } }', {}, {}, ["root field storeConfig"]],
    ["a text match filter", '{ products(filter: { name: { match: "bag" } }) { total_count } }', {}, {}, ["products(filter.name)"]],
    ["an attribute the index does not hold", '{ products(filter: { purpose: { eq: "1" } }) { total_count } }', {}, {}, ["products(filter.purpose)"]],
    ["a customer's request (their prices)", '{ products(search: "bag") { total_count } }', {}, { authorization: "Bearer abc" }, ["header Authorization (customer prices)"]],
    ["another store", '{ products(search: "bag") { total_count } }', {}, { store: "french" }, ["header Store: french"]],
    ["another currency", '{ products(search: "bag") { total_count } }', {}, { "content-currency": "EUR" }, ["header Content-Currency: EUR"]],
  ])("refuses %s whole, with what is outside its set", async (_case, query, variables, headers, unsupported) => {
    const { status, headers: answered, body } = await gql.post(query, { variables, headers });
    expect(status).toBe(422);
    expect(answered.get("x-search-refused")).toBe("unsupported");
    expect(body).toEqual(refusal(unsupported));
  });

  it("answers a GET query with variables, as Magento does", async () => {
    const { status, body } = await gql.get<{ products: { items: { sku: string }[] } }>("query ($s: String!) { products(search: $s, pageSize: 1) { items { sku } } }", { variables: { s: "24-MB01" } });
    expect(status).toBe(200);
    expect(body.data?.products.items).toEqual([{ sku: "24-MB01" }]);
  });

  it("answers the store and currency the index holds", async () => {
    const { status } = await gql.post('{ products(search: "bag") { total_count } }', { headers: { store: "default", "content-currency": "usd" } });
    expect(status).toBe(200);
  });

  it.each([
    ["a field the schema lacks", '{ products(search: "bag") { nope } }', 200, 'Cannot query field "nope" on type "Products".'],
    ["a syntax error", "{ products(search: ", 400, "Syntax Error: Unexpected <EOF>"],
  ])("rejects %s as Magento does", async (_case, query, status, message) => {
    const answer = await gql.post(query);
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]?.message).toBe(message);
  });

  it("rejects an operation name the document lacks as Magento does", async () => {
    // Not through the validating client: with no such operation there is nothing to validate against.
    const response = await fetch(`${inject("oramaUrl")}/graphql`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ products(search: "bag") { total_count } }', operationName: "Other" }),
    });
    expect([response.status, await response.json()]).toEqual([200, { errors: [{ message: 'Unknown operation named "Other".', extensions: { category: "graphql" } }] }]);
  });
});

describe("before the index is built", () => {
  let server: SearchServer;
  beforeAll(async () => {
    const engine = createOramaEngine({ relevance, analyzer: createTextAnalyzer(relevance) });
    const service = createSearchService({ adapters: createAdapters({ magentoUrl: "http://127.0.0.1:9", cache: false }), engine, relevance, logger: quietLogger });
    server = await startSearchServer(service);
  });
  afterAll(() => server.close());

  it("answers 503 with Retry-After, and /readyz says it is building", async () => {
    const { status, headers, body } = await createGraphQlClient(server.url).post('{ products(search: "bag") { total_count } }');
    expect([status, headers.get("retry-after")]).toEqual([503, "1"]);
    expect(body).toEqual({ errors: [{ message: "The search index is still being built; try again shortly.", extensions: { category: "graphql" } }] });
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: "building the index" }]);
  });

  it("still refuses what it would never answer", async () => {
    expect((await createGraphQlClient(server.url).post("mutation { createEmptyCart }")).status).toBe(422);
  });
});
