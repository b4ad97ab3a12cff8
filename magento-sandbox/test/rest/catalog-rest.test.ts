import { beforeAll, describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const harness = useSandbox();
const call = harness.rest;
let admin: string;
const criteria = (field: string, value: string, condition = "eq") =>
  `searchCriteria[filter_groups][0][filters][0][field]=${field}&searchCriteria[filter_groups][0][filters][0][value]=${encodeURIComponent(value)}&searchCriteria[filter_groups][0][filters][0][condition_type]=${condition}`;

beforeAll(async () => {
  admin = await call<string>("POST", "/rest/V1/integration/admin/token", {
    body: { username: "admin", password: "admin123" },
    schema: { type: "string" },
  });
});

describe("tokens", () => {
  it("issues a customer token for the seeded Luma customer", async () => {
    const token = await call<string>("POST", "/rest/default/V1/integration/customer/token", {
      body: { username: "roni_cost@example.com", password: "Test1234!" },
      schema: { type: "string" },
    });
    expect(token.split(".")).toHaveLength(3);
  });

  it.each([
    ["customer", "roni_cost@example.com", "wrong"],
    ["admin", "admin", "nope"],
  ])("rejects a wrong %s password with Magento's sign-in message", async (kind, username, password) => {
    const body = await call("POST", `/rest/V1/integration/${kind}/token`, { body: { username, password }, status: 401 });
    expect(body).toEqual({
      message: "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.",
    });
  });

  it("rejects a missing field naming it", async () => {
    const body = await call("POST", "/rest/V1/integration/admin/token", { body: { username: "admin" }, status: 400 });
    expect(body).toEqual({ message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: "password" } });
  });
});

describe("products", () => {
  it("answers a simple product by sku", async () => {
    const product = await call<Record<string, unknown>>("GET", "/rest/V1/products/24-MB01", { token: admin, schema: "catalog-data-product-interface" });
    expect(product).toMatchObject({ sku: "24-MB01", name: "Joust Duffle Bag", price: 34, type_id: "simple", status: 1, visibility: 4 });
  });

  it("answers a configurable with its options and children under /rest/all", async () => {
    const product = await call<{ extension_attributes: { configurable_product_links: number[]; configurable_product_options: unknown[] } }>(
      "GET", "/rest/all/V1/products/MH01", { token: admin, schema: "catalog-data-product-interface" },
    );
    expect(product.extension_attributes.configurable_product_options.length).toBeGreaterThan(1);
    expect(product.extension_attributes.configurable_product_links.length).toBeGreaterThan(5);
  });

  it("refuses anonymous access as a 2.4 store does", async () => {
    const body = await call("GET", "/rest/V1/products/24-MB01", { status: 401 });
    expect(body).toEqual({ message: "The consumer isn't authorized to access %resources.", parameters: { resources: "Magento_Catalog::products" } });
  });

  it("answers 404 for an unknown sku", async () => {
    const body = await call("GET", "/rest/V1/products/NOPE-1", { token: admin, status: 404 });
    expect(body).toEqual({ message: "The product that was requested doesn't exist. Verify the product and try again." });
  });

  it("updates a price with an admin token through setPrice, so purges fire and GraphQL shows it", async () => {
    const purged: string[][] = [];
    harness.catalog.onInvalidate((tags) => void purged.push(tags));
    const id = harness.catalog.getProductBySku("24-MB04")!.id;
    const updated = await call<{ price: number }>("PUT", "/rest/V1/products/24-MB04", {
      token: admin, body: { product: { sku: "24-MB04", price: 29.5 } }, schema: "catalog-data-product-interface",
    });
    expect(updated.price).toBe(29.5);
    expect(purged).toEqual([[`cat_p_${id}`]]);
    const { body } = await harness.gql.post<{ products: { items: { price_range: { minimum_price: { final_price: { value: number } } } }[] } }>(
      `{ products(filter: { sku: { eq: "24-MB04" } }) { items { price_range { minimum_price { final_price { value } } } } } }`,
    );
    expect(body.data!.products.items[0]!.price_range.minimum_price.final_price.value).toBe(29.5);
  });

  it("changes a url key with an admin token: the old URLs answer 301 to the new ones, as Magento's rewrite history does", async () => {
    const updated = await call<{ custom_attributes: { attribute_code: string; value: unknown }[] }>("PUT", "/rest/V1/products/24-MB02", {
      token: admin, body: { product: { custom_attributes: [{ attribute_code: "url_key", value: "fusion-backpack-2026" }] } }, schema: "catalog-data-product-interface",
    });
    expect(updated.custom_attributes).toContainEqual({ attribute_code: "url_key", value: "fusion-backpack-2026" });
    const shopper = harness.browser();
    expect(await shopper.get("/fusion-backpack.html")).toMatchObject({ status: 301, location: "/fusion-backpack-2026.html" });
    expect(await shopper.get("/gear/bags/fusion-backpack.html")).toMatchObject({ status: 301, location: "/gear/bags/fusion-backpack-2026.html" });
    expect((await shopper.get("/fusion-backpack-2026.html")).status).toBe(200);
    const { body } = await harness.gql.get<{ route: Record<string, unknown> }>(`{ route(url: "fusion-backpack.html") { relative_url redirect_code type } }`);
    expect(body.data!.route).toEqual({ relative_url: "fusion-backpack-2026.html", redirect_code: 301, type: "PRODUCT" });
  });

  it.each([
    ["without a token", undefined, "24-MB04", { product: { price: 1 } }, 401, "The consumer isn't authorized to access %resources."],
    ["for an unknown sku", "admin", "NOPE-1", { product: { price: 1 } }, 404, "The product that was requested doesn't exist. Verify the product and try again."],
    ["without a product", "admin", "24-MB04", { price: 1 }, 400, '"%fieldName" is required. Enter and try again.'],
    ["a negative price", "admin", "24-MB04", { product: { price: -1 } }, 400, 'Invalid value of "%value" provided for the %fieldName field.'],
    ["a field other than price and url_key", "admin", "24-MB04", { product: { price: 1, name: "x" } }, 400, "The sandbox can change only a product's price and url_key, not: %1"],
    ["a url key another product has", "admin", "24-MB04", { product: { custom_attributes: [{ attribute_code: "url_key", value: "joust-duffle-bag" }] } }, 400, "URL key for specified store already exists."],
    ["a url key with spaces", "admin", "24-MB04", { product: { custom_attributes: [{ attribute_code: "url_key", value: "a b" }] } }, 400, 'Invalid value of "%value" provided for the %fieldName field.'],
  ])("rejects a product update %s", async (_name, auth, sku, body, status, message) => {
    const answer = await call<{ message: string }>("PUT", `/rest/V1/products/${sku}`, { ...(auth ? { token: admin } : {}), body, status });
    expect(answer.message).toBe(message);
  });

  it("searches with like, sorts by price and pages", async () => {
    const path = `/rest/V1/products?${criteria("name", "%Bag%", "like")}&searchCriteria[sortOrders][0][field]=price&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=3&searchCriteria[currentPage]=1`;
    const result = await call<{ items: { price: number; name: string }[]; total_count: number; search_criteria: unknown }>("GET", path, {
      token: admin, schema: "catalog-data-product-search-results-interface",
    });
    expect(result.items).toHaveLength(3);
    expect(result.total_count).toBeGreaterThan(3);
    expect(result.items.every((p) => /bag/i.test(p.name))).toBe(true);
    expect(result.items.map((p) => p.price)).toEqual([...result.items.map((p) => p.price)].sort((a, b) => b - a));
    expect(result.search_criteria).toMatchObject({ page_size: 3, current_page: 1, sort_orders: [{ field: "price", direction: "DESC" }] });
  });

  it("filters by sku with in and by category_id", async () => {
    const bySku = await call<{ items: { sku: string }[] }>("GET", `/rest/V1/products?${criteria("sku", "24-MB01,24-MB04", "in")}`, {
      token: admin, schema: "catalog-data-product-search-results-interface",
    });
    expect(bySku.items.map((p) => p.sku).sort()).toEqual(["24-MB01", "24-MB04"]);
    const bags = harness.catalog.getCategoryByUrlPath("gear/bags")!;
    const inBags = await call<{ total_count: number }>("GET", `/rest/V1/products?${criteria("category_id", String(bags.id))}`, {
      token: admin, schema: "catalog-data-product-search-results-interface",
    });
    expect(inBags.total_count).toBeGreaterThan(5);
  });

  it("requires searchCriteria on the list", async () => {
    const body = await call("GET", "/rest/V1/products", { token: admin, status: 400 });
    expect(body).toEqual({ message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: "searchCriteria" } });
  });
});

describe("categories", () => {
  it("answers the tree from the store root", async () => {
    const tree = await call<{ id: number; children_data: { name: string }[] }>("GET", "/rest/V1/categories", {
      token: admin, schema: "catalog-data-category-tree-interface",
    });
    expect(tree.id).toBe(harness.catalog.rootCategoryId);
    expect(tree.children_data.map((c) => c.name)).toEqual(expect.arrayContaining(["Women", "Men", "Gear"]));
  });

  it("answers one category and 404s an unknown one", async () => {
    const bags = harness.catalog.getCategoryByUrlPath("gear/bags")!;
    const body = await call("GET", `/rest/V1/categories/${bags.id}`, { token: admin, schema: "catalog-data-category-interface" });
    expect(body).toMatchObject({ id: bags.id, name: "Bags" });
    const missing = await call("GET", "/rest/V1/categories/99999", { token: admin, status: 404 });
    expect(missing).toEqual({ message: "No such entity with %fieldName = %fieldValue", parameters: { fieldName: "id", fieldValue: "99999" } });
  });
});

describe("routing and bad input", () => {
  it("answers 404 for an unknown route", async () => {
    expect(await call("GET", "/rest/V1/nothing-here", { status: 404 })).toEqual({ message: "Request does not match any route." });
  });

  it("rejects an unknown store code", async () => {
    await call("GET", "/rest/nostore/V1/products/24-MB01", { token: admin, status: 400 });
  });

  it("rejects invalid JSON with a decoding error", async () => {
    const body = await call("POST", "/rest/V1/integration/admin/token", { rawBody: "{not json", status: 400 });
    expect(body).toEqual({ message: "Decoding error: %1", parameters: ["Syntax error"] });
  });
});
