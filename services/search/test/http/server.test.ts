// HTTP around the service: /graphql as Magento serves it, the supported set as JSON, health and
// readiness, and clear answers to what is not a GraphQL request.
import { describe, expect, inject, it } from "vitest";
import { listSupportedPaths } from "../../src/graphql/supported-fields.ts";

const url = (path: string) => `${inject("oramaUrl")}${path}`;

describe("the search server", () => {
  it.each([
    ["PUT", 405, "Request method is not allowed. Use GET or POST.", { allow: "GET, POST, OPTIONS" }],
    ["DELETE", 405, "Request method is not allowed. Use GET or POST.", { allow: "GET, POST, OPTIONS" }],
  ])("rejects %s /graphql with %i", async (method, status, message, headers) => {
    const response = await fetch(url("/graphql"), { method });
    expect(response.status).toBe(status);
    expect(response.headers.get("allow")).toBe(headers.allow);
    expect(await response.json()).toEqual({ errors: [{ message, extensions: { category: "graphql" } }] });
  });

  it.each([
    ["a body that is not JSON", "{ nope", 400, "Unable to unserialize value. Error: Syntax error"],
    ["a JSON array", "[]", 400, 'GraphQL request body must be a JSON object with a "query".'],
    ["a body over 1 MiB", JSON.stringify({ query: `{ products(search: "${"x".repeat(1024 * 1024)}") { total_count } }` }), 413, "Request body is larger than 1048576 bytes."],
    ["no query", "{}", 400, 'GraphQL request must include a non-empty "query" string.'],
    ["variables that are not an object", JSON.stringify({ query: "{ __typename }", variables: [1] }), 400, '"variables" must be a JSON object.'],
  ])("rejects %s", async (_case, body, status, message) => {
    const response = await fetch(url("/graphql"), { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ errors: [{ message, extensions: { category: "graphql" } }] });
  });

  it("answers OPTIONS /graphql 204", async () => {
    expect((await fetch(url("/graphql"), { method: "OPTIONS" })).status).toBe(204);
  });

  it("serves the supported set as JSON for the router", async () => {
    const response = await fetch(url("/graphql/supported"));
    const body = (await response.json()) as { paths: string[]; arguments: Record<string, string[]> };
    expect(body.paths).toEqual(listSupportedPaths());
    expect(body.arguments.products).toEqual(["search", "filter", "sort", "pageSize", "currentPage"]);
  });

  it("is healthy and ready once the index is built", async () => {
    expect(await (await fetch(url("/healthz"))).json()).toEqual({ status: "ok" });
    expect(await (await fetch(url("/readyz"))).json()).toEqual({ status: "ready", engine: "orama" });
  });

  it("answers 404 elsewhere", async () => {
    const response = await fetch(url("/rest/V1/products"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: "No route for /rest/V1/products; the search service answers /graphql.", extensions: { category: "graphql" } }] });
  });
});
