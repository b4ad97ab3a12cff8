import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

const PRODUCT = `{ products(filter: { sku: { eq: "24-MB01" } }) { items { sku price_range { minimum_price { final_price { value } } } } } }`;
const NO_CACHE = "max-age=0, must-revalidate, no-cache, no-store";

describe("GraphQL cache headers (Magento 2.4.8)", () => {
  it("marks a GET of cacheable queries public with X-Magento-Tags and X-Magento-Cache-Id", async () => {
    const { headers } = await gql.get(PRODUCT);
    expect(headers.get("cache-control")).toBe("max-age=86400, public, s-maxage=86400");
    expect(headers.get("pragma")).toBe("cache");
    // Expires is the TTL ahead of the response's Date (Magento's getExpirationHeader('+86400 seconds')).
    expect(Date.parse(headers.get("expires")!) - Date.parse(headers.get("date")!)).toBeGreaterThanOrEqual(86_399_000);
    expect(Date.parse(headers.get("expires")!) - Date.parse(headers.get("date")!)).toBeLessThanOrEqual(86_401_000);
    expect(headers.get("x-magento-tags")?.split(",")).toEqual(expect.arrayContaining(["cat_p", "cat_p_1"]));
    expect(headers.get("x-magento-cache-id")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tags a configurable's children only when its variants are shown", async () => {
    const plain = await gql.get(`{ products(filter: { sku: { eq: "MH01" } }) { items { sku } } }`);
    expect(plain.headers.get("x-magento-tags")).toBe("cat_p,cat_p_68");
    const withVariants = await gql.get(`{ products(filter: { sku: { eq: "MH01" } }) { items { sku ... on ConfigurableProduct { variants { product { sku } } } } } }`);
    expect(withVariants.headers.get("x-magento-tags")?.split(",")).toHaveLength(2 + 15);
  });

  it("keeps X-Magento-Tags small for huge listings by falling back to type tags", async () => {
    const query = `{ products(search: "", pageSize: 500) { items { sku ... on ConfigurableProduct { variants { product { sku } } } } } }`;
    const { headers, body } = await gql.get<{ products: { items: unknown[] } }>(query);
    expect(body.data!.products.items.length).toBeGreaterThan(150);
    expect(headers.get("x-magento-tags")).toBe("cat_p");
  });

  it.each([
    ["a POST query", () => gql.post(PRODUCT)],
    ["a GET that also asks for a cart", () => gql.get(`{ storeConfig { store_code } cart(cart_id: "${"a".repeat(32)}") { id } }`)],
    ["a GET whose answer carries no cache tags", () => gql.get("{ __typename }")],
  ])("never caches %s but still sends X-Magento-Cache-Id", async (_name, send) => {
    const { headers } = await send();
    expect(headers.get("cache-control")).toBe(NO_CACHE);
    expect(headers.get("pragma")).toBe("no-cache");
    expect(Date.parse(headers.get("expires")!)).toBeLessThan(Date.now());
    expect(headers.get("x-magento-tags")).toBeNull();
    expect(headers.get("x-magento-cache-id")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sends no X-Magento-Cache-Id on mutations", async () => {
    const { headers } = await gql.post("mutation { createGuestCart { cart { id } } }");
    expect(headers.get("x-magento-cache-id")).toBeNull();
    expect(headers.get("cache-control")).toBe(NO_CACHE);
  });

  it("varies X-Magento-Cache-Id with the customer context, not per request", async () => {
    const guest = (await gql.get("{ storeConfig { store_code } }")).headers.get("x-magento-cache-id");
    expect((await gql.get("{ storeConfig { store_code } }")).headers.get("x-magento-cache-id")).toBe(guest);
    const login = await gql.post<{ generateCustomerToken: { token: string } }>(`mutation { generateCustomerToken(email: "roni_cost@example.com", password: "Test1234!") { token } }`);
    const token = login.body.data!.generateCustomerToken.token;
    const customer = (await gql.get("{ storeConfig { store_code } }", { headers: { Authorization: `Bearer ${token}` } })).headers.get("x-magento-cache-id");
    expect(customer).not.toBe(guest);
    // Varnish stores a response only when the X-Magento-Cache-Id it sent comes back unchanged.
    const echoed = await gql.get("{ storeConfig { store_code } }", { headers: { Authorization: `Bearer ${token}`, "X-Magento-Cache-Id": customer! } });
    expect(echoed.headers.get("x-magento-cache-id")).toBe(customer);
  });

  it("shows a changed price at once and names the product's tag", async () => {
    const tags = sandbox.store.catalog.setPrice("24-MB01", 41);
    expect(tags).toEqual(["cat_p_1"]);
    const { body } = await gql.get<{ products: { items: { price_range: { minimum_price: { final_price: { value: number } } } }[] } }>(PRODUCT);
    expect(body.data!.products.items[0]!.price_range.minimum_price.final_price.value).toBe(41);
  });
});
