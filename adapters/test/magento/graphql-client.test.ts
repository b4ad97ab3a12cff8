// The GraphQL client over nock: which HTTP it sends, and every error path mapped to a typed error.
import { createServer } from "node:http";
import type { Server } from "node:http";
import nock from "nock";
import { listen } from "../support/servers.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MagentoInputError, MagentoTimeoutError, MagentoUnavailableError } from "../../src/errors.ts";
import { createMagentoGraphql } from "../../src/magento/graphql-client.ts";
import { productQuery } from "../../src/magento/queries/products.ts";
import { addProductsToCartMutation } from "../../src/magento/queries/cart.ts";
import { loadFixture } from "../support/fixtures.ts";

const origin = "http://magento.test";
const client = createMagentoGraphql({ graphqlUrl: `${origin}/graphql`, store: "default", timeoutMs: 200 });
const variables = { filter: { url_key: { eq: "joust-duffle-bag" } } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

// Timeouts and refused connections need real sockets (nock's delayed replies trip undici on abort).
describe("createMagentoGraphql over real sockets", () => {
  let silent: Server;
  let silentUrl = "";
  let closedUrl = "";

  beforeAll(async () => {
    nock.enableNetConnect("127.0.0.1");
    silent = createServer(() => {}); // accepts, never answers
    silentUrl = await listen(silent);
    const closed = createServer();
    closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    nock.disableNetConnect();
  });

  it("rejects a slow answer with MagentoTimeoutError", async () => {
    const slow = createMagentoGraphql({ graphqlUrl: `${silentUrl}/graphql`, store: "default", timeoutMs: 150 });
    const error = await slow.request("product", productQuery, variables, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoTimeoutError);
    expect(error).toMatchObject({ code: "MAGENTO_TIMEOUT", timeoutMs: 150, message: "Magento did not answer product within 150 ms" });
  });

  it("rejects a refused connection with MagentoUnavailableError without status", async () => {
    const refused = createMagentoGraphql({ graphqlUrl: `${closedUrl}/graphql`, store: "default", timeoutMs: 2000 });
    const error = await refused.request("product", productQuery, variables, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoUnavailableError);
    expect(error).toMatchObject({ status: undefined, message: "Magento could not be reached for product" });
  });
});

describe("createMagentoGraphql", () => {
  it("sends cacheable reads as GET with Store and Content-Currency, and returns X-Magento-Tags", async () => {
    const scope = nock(origin, { reqheaders: { store: "german", "content-currency": "EUR" } })
      .get("/graphql")
      .query((query) => query.query?.includes("AdapterProduct") === true && JSON.parse(String(query.variables)).filter.url_key.eq === "joust-duffle-bag")
      .reply(200, loadFixture("product-simple"), { "content-type": "application/json", "x-magento-tags": "cat_p,cat_p_1,FPC" });
    const answer = await client.request("product", productQuery, variables, { store: "german", currency: "EUR" });
    expect(answer?.tags).toEqual(["cat_p", "cat_p_1", "FPC"]);
    expect(scope.isDone()).toBe(true);
  });

  it("sends calls with a customer token as POST with Authorization", async () => {
    const scope = nock(origin, { reqheaders: { authorization: "Bearer tok", store: "default" } })
      .post("/graphql", (body: { query: string }) => body.query.includes("AdapterProduct"))
      .reply(200, loadFixture("product-simple"), { "content-type": "application/json" });
    await client.request("product", productQuery, variables, { customerToken: "tok" });
    expect(scope.isDone()).toBe(true);
  });

  it("sends mutations as POST even without a token", async () => {
    const scope = nock(origin).post("/graphql").reply(200, { data: { addProductsToCart: null } }, { "content-type": "application/json" });
    await client.request("add to cart", addProductsToCartMutation, { cartId: "x", cartItems: [] }, {});
    expect(scope.isDone()).toBe(true);
  });

  it.each([500, 502, 503])("rejects HTTP %i with MagentoUnavailableError carrying the status", async (status) => {
    nock(origin).get("/graphql").query(true).reply(status, "<html>Service Unavailable</html>", { "content-type": "text/html" });
    const error = await client.request("product", productQuery, variables, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoUnavailableError);
    expect(error).toMatchObject({ code: "MAGENTO_UNAVAILABLE", status, message: `Magento answered HTTP ${status} for product` });
    expect((error as Error).cause).toContain("Service Unavailable");
  });

  it.each([
    ["sign-in-wrong-password", "graphql-authentication", "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."],
    ["customer-unauthorized", "graphql-authorization", "The current customer isn't authorized."],
  ])("rejects GraphQL errors (%s) with MagentoInputError carrying the category", async (fixture, category, message) => {
    nock(origin).get("/graphql").query(true).reply(200, loadFixture(fixture), { "content-type": "application/json" });
    const error = await client.request("call", productQuery, variables, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoInputError);
    expect(error).toMatchObject({ code: "MAGENTO_INPUT", category, messages: [message], message: `Magento rejected call (${category}): ${message}` });
  });

  it("rejects graphql-input errors sent with HTTP 400, as Magento does for bad variables", async () => {
    nock(origin).get("/graphql").query(true).reply(400, { errors: [{ message: "Variable \"$filter\" got invalid value", extensions: { category: "graphql-input" } }] }, { "content-type": "application/json" });
    const error = await client.request("product", productQuery, variables, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MagentoInputError", category: "graphql-input" });
  });

  it("maps Magento's internal errors to MagentoUnavailableError", async () => {
    nock(origin).get("/graphql").query(true).reply(200, { errors: [{ message: "Internal server error", extensions: { category: "internal" } }], data: null }, { "content-type": "application/json" });
    const error = await client.request("product", productQuery, variables, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoUnavailableError);
    expect((error as Error).message).toBe("Magento failed internally (Internal server error) for product");
  });

  it("returns undefined for graphql-no-such-entity only when the caller allows missing", async () => {
    nock(origin).get("/graphql").query(true).times(2).reply(200, loadFixture("cms-page-missing"), { "content-type": "application/json" });
    await expect(client.request("CMS page", "query { cmsPage(identifier: \"nope\") { title } }", {}, {}, { allowMissing: true })).resolves.toBeUndefined();
    await expect(client.request("CMS page", "query { cmsPage(identifier: \"nope\") { title } }", {}, {})).rejects.toMatchObject({ category: "graphql-no-such-entity" });
  });
});
