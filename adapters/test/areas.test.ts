// Public area functions over nock: the variables they send, what they cache under which key,
// "missing → undefined", argument checks, and cart user errors.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, InvalidArgumentError, MagentoInputError } from "../src/index.ts";
import { loadFixture } from "./support/fixtures.ts";
import { createRecordingLogger } from "./support/doubles.ts";

const origin = "http://magento.test";
const logger = createRecordingLogger();
const json = { "content-type": "application/json" };
// JSON.parse gives `any` on purpose here: tests poke into the variables Magento would receive.
const vars = (query: Record<string, unknown>) => JSON.parse(String(query.variables));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("products", () => {
  it("fetches by url key (with or without .html), caches per store and customer group", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const byUrlKey = (q: Record<string, unknown>) => vars(q).filter.url_key.eq === "joust-duffle-bag";
    const defaults = nock(origin, { reqheaders: { store: "default" } }).get("/graphql").query(byUrlKey).times(2).reply(200, loadFixture("product-simple"), json);
    const german = nock(origin, { reqheaders: { store: "german" } }).get("/graphql").query(byUrlKey).once().reply(200, loadFixture("product-simple"), json);
    await adapters.getProductByUrlKey("/joust-duffle-bag.html");
    await adapters.getProductByUrlKey("joust-duffle-bag");
    await adapters.getProductByUrlKey("joust-duffle-bag", { store: "german" });
    await adapters.getProductByUrlKey("joust-duffle-bag", { customerGroup: "1" });
    expect(defaults.isDone()).toBe(true);
    expect(german.isDone()).toBe(true);
    // A fourth identical call would have no interceptor left (net connect is disabled): all cached.
    await adapters.getProductByUrlKey("joust-duffle-bag", { store: "german" });
  });

  it("sends the currency as Content-Currency and caches each currency apart", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const euro = nock(origin, { reqheaders: { "content-currency": "EUR" } }).get("/graphql").query(true).once().reply(200, loadFixture("product-simple"), json);
    const dollar = nock(origin, { reqheaders: { "content-currency": "USD" } }).get("/graphql").query(true).once().reply(200, loadFixture("product-simple"), json);
    const plain = nock(origin, { badheaders: ["content-currency"] }).get("/graphql").query(true).once().reply(200, loadFixture("product-simple"), json);
    for (const ctx of [{ currency: "EUR" }, { currency: "USD" }, {}, { currency: "EUR" }, { currency: "USD" }, {}]) await adapters.getProductBySku("24-MB01", ctx);
    expect([euro.isDone(), dollar.isDone(), plain.isDone()]).toEqual([true, true, true]);
  });

  it("returns undefined for an unknown product", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/graphql").query(true).reply(200, { data: { products: { items: [] } } }, json);
    expect(await adapters.getProductBySku("NOPE")).toBeUndefined();
  });

  it("never caches a call with a customer token but no customer group", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const scope = nock(origin).post("/graphql").times(2).reply(200, loadFixture("product-simple"), json);
    await adapters.getProductBySku("24-MB01", { customerToken: "t" });
    await adapters.getProductBySku("24-MB01", { customerToken: "t" });
    expect(scope.isDone()).toBe(true);
  });

  it("forwards the token and caches per group when the caller names the customer group", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const scope = nock(origin, { reqheaders: { authorization: "Bearer t" } }).post("/graphql").once().reply(200, loadFixture("product-simple"), json);
    await adapters.getProductBySku("24-MB01", { customerToken: "t", customerGroup: "1" });
    await adapters.getProductBySku("24-MB01", { customerToken: "other", customerGroup: "1" });
    expect(scope.isDone()).toBe(true);
  });

  it.each([["", "urlKey: must be a non-empty string"], ["   ", "urlKey: must be a non-empty string"]])("rejects url key %j", async (value, message) => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const error = await adapters.getProductByUrlKey(value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", argument: "urlKey", message });
  });
});

describe("listings", () => {
  it("sends category, filters, sort and paging; tags by category and products", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    let sent: unknown = {};
    nock(origin).get("/graphql").query((q) => { sent = vars(q); return true; }).reply(200, loadFixture("listing-bags"), json);
    const listing = await adapters.listProducts({ categoryId: 4, filters: { price: { from: "20", to: "40" }, color: ["49", "50"], activity: "8" }, sort: { field: "price", direction: "DESC" }, page: 1, pageSize: 2 });
    expect(sent).toEqual({
      filter: { price: { from: "20", to: "40" }, color: { in: ["49", "50"] }, activity: { eq: "8" }, category_id: { eq: "4" } },
      sort: { price: "DESC" }, pageSize: 2, currentPage: 1,
    });
    expect(listing.items.map((i) => i.sku)).toEqual(["24-MB01"]);
    expect(await adapters.purge(["cat_c_p_4"])).toBe(1);
    expect(logger.warnings).toContain("dropped a listing item Magento answered in a bad shape");
  });

  it.each([
    [{}, "query: needs categoryUid, categoryId or filters"],
    [{ categoryId: 4, page: 0 }, "page: must be an integer from 1 to 10000, got 0"],
    [{ categoryId: 4, pageSize: 1000 }, "pageSize: must be an integer from 1 to 300, got 1000"],
    [{ filters: { "bad code": "1" } }, "filters.bad code: is not an attribute code"],
  ])("rejects listing query %j", async (query, message) => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    await expect(adapters.listProducts(query)).rejects.toThrow(message);
  });

  it("searches by text", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    let sent: unknown = {};
    nock(origin).get("/graphql").query((q) => { sent = vars(q); return true; }).reply(200, loadFixture("listing-bags"), json);
    const result = await adapters.searchProducts({ text: "bag", pageSize: 2 });
    expect(sent).toMatchObject({ search: "bag", filter: {}, pageSize: 2, currentPage: 1 });
    expect(result).toMatchObject({ text: "bag", total: 14, suggestions: [] });
  });
});

describe("content and urls", () => {
  it("returns undefined for a missing CMS page (graphql-no-such-entity)", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/graphql").query(true).reply(200, loadFixture("cms-page-missing"), json);
    expect(await adapters.getCmsPage("nope")).toBeUndefined();
  });

  it("resolves a URL without leading slash or query string, tagged by entity", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    let sent: unknown = {};
    nock(origin).get("/graphql").query((q) => { sent = vars(q); return true; }).reply(200, loadFixture("route-product"), json);
    expect(await adapters.resolveUrl("/joust-duffle-bag.html?utm=x")).toMatchObject({ type: "PRODUCT", id: 1, redirectCode: 0 });
    expect(sent).toEqual({ url: "joust-duffle-bag.html" });
    expect(await adapters.purge(["cat_p_1"])).toBe(1);
  });

  it("returns undefined for an unknown URL (route is null)", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/graphql").query(true).reply(200, { data: { route: null } }, json);
    expect(await adapters.resolveUrl("/nowhere.html")).toBeUndefined();
  });
});

describe("cart", () => {
  it("sends configurable lines with parent sku and selected options; user errors become MagentoInputError", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    let body: { variables?: unknown } = {};
    nock(origin).post("/graphql", (b) => { body = b; return true; }).reply(200, {
      data: { addProductsToCart: { cart: loadFixture<{ data: { cart: object } }>("cart").data.cart, user_errors: [{ code: "INSUFFICIENT_STOCK", message: "The requested qty is not available" }] } },
    }, json);
    const error = await adapters.addToCart("abc", [{ sku: "WJ12", quantity: 1, selectedOptions: ["Y29uZmlndXJhYmxlLzkzLzQ5"] }]).catch((e: unknown) => e);
    expect(body.variables).toEqual({ cartId: "abc", cartItems: [{ sku: "WJ12", quantity: 1, selected_options: ["Y29uZmlndXJhYmxlLzkzLzQ5"] }] });
    expect(error).toBeInstanceOf(MagentoInputError);
    expect(error).toMatchObject({ category: "INSUFFICIENT_STOCK", messages: ["The requested qty is not available"] });
  });

  it("never caches carts", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const scope = nock(origin).get("/graphql").query(true).times(2).reply(200, loadFixture("cart"), json);
    await adapters.getCart("kQ6Ww1ZSPsJ3vYOWt0jpAn4pXyk9q2Lm");
    await adapters.getCart("kQ6Ww1ZSPsJ3vYOWt0jpAn4pXyk9q2Lm");
    expect(scope.isDone()).toBe(true);
  });

  it("rejects a negative quantity before calling Magento", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    await expect(adapters.updateCartItems("abc", [{ uid: "MTE=", quantity: -1 }])).rejects.toThrow("lines[0].quantity: must be an integer ≥ 0 (0 removes the line)");
  });
});

describe("cart totals over REST", () => {
  const totals = {
    grand_total: 73.5, subtotal: 68, discount_amount: -6.8, shipping_amount: 10, tax_amount: "2.30", quote_currency_code: "USD", items_qty: 2,
    total_segments: [{ code: "subtotal", title: "Subtotal", value: 68 }, { code: "shipping", title: "Shipping & Handling (Flat Rate - Fixed)", value: 10 }],
  };

  it("reads guest cart totals from /rest/<store>/V1/guest-carts/:id/totals", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/rest/default/V1/guest-carts/abc/totals").reply(200, totals, json);
    expect(await adapters.getCartTotals("abc")).toEqual({
      subtotal: { amount: 68, currency: "USD" }, discount: { amount: 6.8, currency: "USD" }, shipping: { amount: 10, currency: "USD" },
      tax: { amount: 2.3, currency: "USD" }, grandTotal: { amount: 73.5, currency: "USD" }, itemsQuantity: 2,
      segments: [{ code: "subtotal", title: "Subtotal", amount: { amount: 68, currency: "USD" } }, { code: "shipping", title: "Shipping & Handling (Flat Rate - Fixed)", amount: { amount: 10, currency: "USD" } }],
    });
  });

  it("reads the customer's totals from carts/mine with the bearer token", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    const scope = nock(origin, { reqheaders: { authorization: "Bearer tok" } }).get("/rest/default/V1/carts/mine/totals").reply(200, totals, json);
    await adapters.getCartTotals("ignored", { customerToken: "tok" });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [404, { message: "No such entity with %fieldName = %fieldValue" }, undefined],
  ])("returns undefined for HTTP %i", async (status, body, expected) => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/rest/default/V1/guest-carts/abc/totals").reply(status, body, json);
    expect(await adapters.getCartTotals("abc")).toBe(expected);
  });

  it.each([
    [503, "MagentoUnavailableError", "Magento answered HTTP 503 for cart totals"],
    [401, "MagentoInputError", 'Magento rejected cart totals (graphql-authentication): {"message":"The consumer isn\'t authorized to access %resources."}'],
  ])("rejects HTTP %i as %s", async (status, name, message) => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/rest/default/V1/guest-carts/abc/totals").reply(status, { message: "The consumer isn't authorized to access %resources." }, json);
    await expect(adapters.getCartTotals("abc")).rejects.toMatchObject({ name, message });
  });

  it("rejects totals without a currency as MagentoShapeError", async () => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    nock(origin).get("/rest/default/V1/guest-carts/abc/totals").reply(200, { ...totals, quote_currency_code: null }, json);
    await expect(adapters.getCartTotals("abc")).rejects.toMatchObject({ name: "MagentoShapeError", path: "quote_currency_code" });
  });
});

describe("request context", () => {
  it.each([
    [{ store: "de fr" }, "ctx.store: must be a Magento store code like `default`"],
    [{ currency: "usd" }, "ctx.currency: must be an ISO 4217 code like `USD`"],
    [{ customerGroup: "1\r\nX-Evil: 1" }, "ctx.customerGroup: must be a customer group id like `1`"],
    [{ customerToken: "a b" }, "ctx.customerToken: must be a bearer token"],
  ])("rejects %j before any request", async (ctx, message) => {
    const adapters = createAdapters({ magentoUrl: origin, logger });
    await expect(adapters.getProductBySku("24-MB01", ctx)).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message });
    await expect(adapters.getCart("abc", ctx)).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message });
  });
});

describe("createAdapters options", () => {
  it.each([
    [{ magentoUrl: "not a url" }, "Invalid adapters options: magentoUrl: magentoUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:8081"],
    [{ magentoUrl: origin, redisUrl: "localhost:6379" }, 'Invalid adapters options: redisUrl: "localhost:6379" is not a Redis URL: use redis://host:6379, rediss://host:6380, or redis+cluster://host1:7000,host2:7001 for a Redis Cluster'],
    [{ magentoUrl: origin, timeoutMs: 0 }, "Invalid adapters options: timeoutMs: Too small: expected number to be >0"],
  ])("rejects %j", (options, message) => {
    expect(() => createAdapters(options)).toThrow(message);
  });
});
