/**
 * Garbage at every surface: each request gets a clear 4xx (or Magento's error answer), never a
 * 500, and the server keeps answering afterwards. GraphQL answers are schema-checked, REST
 * error bodies checked against the OpenAPI `error-response`.
 */
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { assertConformsToSchema } from "../support/graphql-response-validator.ts";
import { assertConforms } from "../support/rest-openapi.ts";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();

interface Raw { status: number; type: string; body: string }

/** node:http, so headers and bodies go out exactly as written (fetch would fix them up). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const { hostname, port } = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
    const req = request({ host: hostname, port, method, path, headers: { ...length, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };
const gqlBody = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });
const nested = (levels: number) => `{ categoryList { ${"children { ".repeat(levels)}uid${" }".repeat(levels)} } }`;
const multipart = { "content-type": "multipart/form-data; boundary=XX" };

describe("garbage at the GraphQL endpoint", () => {
  it.each([
    ["invalid JSON", "POST", json, "{ query: oops", 400, "Unable to unserialize value. Error: Syntax error"],
    ["JSON null", "POST", json, "null", 400, 'GraphQL request body must be a JSON object with a "query".'],
    ["a number as query", "POST", json, '{"query": 5}', 400, 'GraphQL request must include a non-empty "query" string.'],
    ["a number as operationName", "POST", json, gqlBody("{ __typename }", { operationName: 5 }), 400, '"operationName" must be a string.'],
    ["binary garbage", "POST", { "content-type": "text/plain" }, "\u0000\u0001\u00ff", 400, "Unable to unserialize value. Error: Syntax error"],
    ["a string where Int! is declared", "POST", json, gqlBody("query ($n: Int!) { products(search: \"a\", pageSize: $n) { total_count } }", { variables: { n: "ten" } }), 200, 'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"'],
    ["a string where an input object is declared", "POST", json, gqlBody("query ($f: ProductAttributeFilterInput) { products(filter: $f) { total_count } }", { variables: { f: { sku: "x" } } }), 200, 'Variable "$f" got invalid value "x" at "f.sku"; Expected type "FilterEqualTypeInput" to be an object.'],
    ["a non-numeric price bound", "POST", json, gqlBody('{ products(filter: { price: { from: "abc" } }) { total_count } }'), 200, 'Invalid value "abc" for "price.from": a number is expected.'],
    ["a negative quantity for an unknown cart", "POST", json, gqlBody('mutation { addProductsToCart(cartId: "nope", cartItems: [{ sku: "24-MB01", quantity: -1 }]) { cart { id } } }'), 200, 'Could not find a cart with ID "nope"'],
    ["an unknown store", "POST", { ...json, store: "../../etc" }, gqlBody("{ __typename }"), 200, "Requested store is not found"],
    ["a garbage bearer token", "POST", { ...json, authorization: "Bearer x.%%%.y" }, gqlBody("{ customer { email } }"), 403, "The current customer isn't authorized."],
    ["a fragment that spreads itself", "POST", json, gqlBody("query { ...F } fragment F on Query { ...F }"), 200, 'Cannot spread fragment "F" within itself.'],
    ["selections nested 3000 deep", "POST", json, gqlBody(nested(3000)), 200, "Max query depth should be 20 but got more than 256."],
    ["lists nested 5000 deep", "POST", json, gqlBody(`{ products(search: "a", filter: { sku: { in: ${"[".repeat(5000)}${"]".repeat(5000)} } }) { total_count } }`), 200, "Max query depth should be 20 but got more than 256."],
    ["a query of 200 000 open braces", "POST", json, gqlBody("{".repeat(200_000)), 200, "Max query depth should be 20 but got more than 256."],
    ["a malformed %-escape on GET", "GET", {}, undefined, 400, 'Syntax Error: Unexpected character: "%"', "/graphql?query=%E0%A4%A"],
    ["a repeated query parameter on GET", "GET", {}, undefined, 400, 'GraphQL request must include a non-empty "query" string.', "/graphql?query=%7B__typename%7D&query=%7B__typename%7D"],
  ])("answers %s", async (_name, method, headers, body, status, message, path = "/graphql") => {
    const response = await send(method, path, headers, body);
    expect(response.status).toBe(status);
    const parsed = JSON.parse(response.body) as { errors: { message: string }[] };
    expect(parsed.errors[0]!.message).toBe(message);
    assertConformsToSchema("{ __typename }", { errors: parsed.errors });
  });
});

describe("garbage at REST", () => {
  it.each([
    ["invalid JSON", "POST", "/rest/V1/guest-carts", json, "{bad", 400, "Decoding error: %1"],
    ["a number as cartItem", "POST", "/rest/V1/guest-carts/abc/items", json, '{"cartItem": 5}', 404, "No such entity with %fieldName = %fieldValue"],
    ["JSON null as credentials", "POST", "/rest/V1/integration/admin/token", json, "null", 400, '"%fieldName" is required. Enter and try again.'],
    ["credentials of the wrong types", "POST", "/rest/V1/integration/customer/token", json, '{"username": 5, "password": {}}', 401, "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."],
    ["an unknown store code", "GET", "/rest/mars/V1/products/24-MB01", {}, undefined, 400, "The store that was requested wasn't found. Verify the store and try again."],
    ["a malformed %-escape in a path parameter", "GET", "/rest/V1/products/%E0%A4%A", {}, undefined, 400, "Decoding error: %1"],
    ["a body over 1 MB", "POST", "/rest/V1/guest-carts", json, `"${"a".repeat(1024 * 1024 + 10)}"`, 413, "Decoding error: %1"],
  ])("answers %s", async (_name, method, path, headers, body, status, message) => {
    const response = await send(method, path, headers, body);
    expect(response.status).toBe(status);
    expect(response.type).toMatch(/^application\/json/);
    const parsed = JSON.parse(response.body) as { message: string };
    assertConforms(parsed, "error-response");
    expect(parsed.message).toBe(message);
  });
});

describe("garbage at the storefront", () => {
  it.each([
    ["a truncated multipart add-to-cart", "POST", "/checkout/cart/add/", multipart, '--XX\r\nContent-Disposition: form-data; name="product"\r\n\r\n1', 302],
    ["JSON posted to a form", "POST", "/checkout/cart/add/", json, '{"product": [1, 2]}', 302],
    ["a login form without fields", "POST", "/customer/account/loginPost/", form, "login=1", 302],
    ["a truncated multipart checkout", "POST", "/checkout/", multipart, "--XX\r\n", 302],
    ["a non-numeric cart quantity", "POST", "/checkout/cart/updatePost/", form, "cart[1][qty]=a", 302],
    ["a search with an array query", "GET", "/catalogsearch/result/?q[]=a&q[]=b", {}, undefined, 302],
    ["a product id that is not a number", "GET", "/catalog/product/view/id/abc", {}, undefined, 404],
    ["a product id past 2^53", "GET", "/catalog/product/view/id/99999999999999999999999", {}, undefined, 404],
    ["a malformed %-escape in the path", "GET", "/%E0%A4%A", {}, undefined, 404],
    ["odd section parameters and broken cookies", "GET", "/customer/section/load/?sections[x]=1", { cookie: "PHPSESSID=%%%; form_key=%E0%A4%A" }, undefined, 200],
    ["an 8 KB session cookie", "GET", "/", { cookie: `PHPSESSID=${"a".repeat(8000)}` }, undefined, 200],
    ["headers over Node's 16 KB limit", "GET", "/", { "x-big": "a".repeat(20_000) }, undefined, 431],
    ["a dot-dot media path", "GET", "/media/catalog/product/../../../../etc/passwd", {}, undefined, 404],
  ])("answers %s without a 500", async (_name, method, path, headers, body, status) => {
    expect((await send(method, path, headers, body)).status).toBe(status);
  });

  it("survives a client that hangs up halfway through a declared body", async () => {
    const { hostname, port } = new URL(sandbox.url);
    await new Promise<void>((resolve) => {
      const req = request({ host: hostname, port, method: "POST", path: "/graphql", headers: { ...json, "content-length": "5000" } });
      req.on("error", () => resolve());
      req.write('{"query": "{ __typ');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    // The half-read request must not wedge the server: the next one is answered in full.
    expect((await sandbox.gql.get("{ storeConfig { store_code } }")).body.data).toEqual({ storeConfig: { store_code: "default" } });
  });

  it("keeps answering GraphQL, REST and pages after all of it", async () => {
    expect((await sandbox.gql.get("{ storeConfig { store_code } }")).body.data).toEqual({ storeConfig: { store_code: "default" } });
    expect(await sandbox.rest<string>("POST", "/rest/V1/guest-carts", { schema: { type: "string" } })).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await sandbox.browser().get("/gear/bags.html")).status).toBe(200);
  });
});
