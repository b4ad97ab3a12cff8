import { beforeAll, describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const harness = useSandbox();
const call = harness.rest;
let admin: string;
const item = "quote-data-cart-item-interface";
const address = {
  firstname: "Veronica", lastname: "Costello", street: ["6146 Honey Bluff Parkway"], city: "Calder",
  region: "Michigan", region_id: 33, region_code: "MI", country_id: "US", postcode: "49628-7978",
  telephone: "(555) 229-3326", email: "guest@example.com",
};
const shippingInformation = {
  addressInformation: { shipping_address: address, billing_address: address, shipping_carrier_code: "flatrate", shipping_method_code: "flatrate" },
};

beforeAll(async () => {
  admin = await call<string>("POST", "/rest/V1/integration/admin/token", { body: { username: "admin", password: "admin123" }, schema: { type: "string" } });
});

async function createGuestCart(): Promise<string> {
  const id = await call<string>("POST", "/rest/V1/guest-carts", { schema: { type: "string" } });
  expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
  return id;
}

describe("guest-carts", () => {
  it("adds simple and configurable items, updates, removes and totals them", async () => {
    const id = await createGuestCart();
    const base = `/rest/default/V1/guest-carts/${id}`;
    const bag = await call<{ item_id: number; quote_id: string }>("POST", `${base}/items`, {
      body: { cartItem: { sku: "24-MB01", qty: 2, quote_id: id } }, schema: item,
    });
    expect(bag).toMatchObject({ sku: "24-MB01", qty: 2, price: 34, product_type: "simple", quote_id: id });
    const hoodie = harness.catalog.getProductBySku("MH01")!;
    const options = hoodie.configurableOptions!.map((o) => ({ option_id: String(o.attributeId), option_value: o.values[0]!.valueIndex }));
    const configurable = await call<{ sku: string; item_id: number; product_type: string }>("POST", `${base}/items`, {
      body: { cartItem: { sku: "MH01", qty: 1, quote_id: id, product_option: { extension_attributes: { configurable_item_options: options } } } },
      schema: item,
    });
    expect(configurable.product_type).toBe("configurable");
    expect(configurable.sku).toMatch(/^MH01-/);

    await call("PUT", `${base}/items/${bag.item_id}`, { body: { cartItem: { qty: 3, quote_id: id } }, schema: item });
    const items = await call<{ item_id: number; qty: number }[]>("GET", `${base}/items`, { schema: { type: "array", items: { $ref: `#/definitions/${item}` } } });
    expect(items.map((i) => i.qty)).toEqual([3, 1]);
    expect(await call("DELETE", `${base}/items/${configurable.item_id}`, { schema: { type: "boolean" } })).toBe(true);

    const totals = await call<{ subtotal: number; grand_total: number; items_qty: number }>("GET", `${base}/totals`, { schema: "quote-data-totals-interface" });
    expect(totals).toMatchObject({ subtotal: 102, grand_total: 102, items_qty: 3 });
    const cart = await call<{ items_count: number; customer_is_guest: boolean }>("GET", base, { schema: "quote-data-cart-interface" });
    expect(cart).toMatchObject({ items_count: 1, items_qty: 3, customer_is_guest: true, is_active: true });
  });

  it("checks out: shipping methods, shipping-information, payment-information → order", async () => {
    const id = await createGuestCart();
    const base = `/rest/V1/guest-carts/${id}`;
    await call("POST", `${base}/items`, { body: { cartItem: { sku: "24-MB01", qty: 2, quote_id: id } }, schema: item });
    const methods = await call<{ carrier_code: string; amount: number }[]>("POST", `${base}/estimate-shipping-methods`, {
      body: { address }, schema: { type: "array", items: { $ref: "#/definitions/quote-data-shipping-method-interface" } },
    });
    expect(methods.find((m) => m.carrier_code === "flatrate")?.amount).toBe(10);
    const details = await call<{ totals: { tax_amount: number; grand_total: number } }>("POST", `${base}/shipping-information`, {
      body: shippingInformation, schema: "checkout-data-payment-details-interface",
    });
    // Michigan: TaxSampleData's 8.25 % on the $68 subtotal, plus $5 × 2 flat rate.
    expect(details.totals).toMatchObject({ tax_amount: 5.61, grand_total: 83.61 });
    await call("GET", `${base}/payment-methods`, { schema: { type: "array", items: { $ref: "#/definitions/quote-data-payment-method-interface" } } });
    const orderId = await call<number>("POST", `${base}/payment-information`, {
      body: { email: "guest@example.com", paymentMethod: { method: "checkmo" } }, schema: { type: "integer" },
    });
    const order = await call<Record<string, unknown>>("GET", `/rest/V1/orders/${orderId}`, { token: admin, schema: "sales-data-order-interface" });
    expect(order).toMatchObject({ entity_id: orderId, customer_email: "guest@example.com", status: "pending", state: "new", grand_total: 83.61, customer_is_guest: 1 });
    expect(order.increment_id).toMatch(/^\d{9}$/);

    const gone = await call("GET", base, { status: 404 });
    expect(gone).toEqual({ message: "No such entity with %fieldName = %fieldValue", parameters: { fieldName: "cartId", fieldValue: id } });
    const search = await call<{ total_count: number; items: { increment_id: string }[] }>(
      "GET", `/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=customer_email&searchCriteria[filter_groups][0][filters][0][value]=guest@example.com`,
      { token: admin, schema: "sales-data-order-search-result-interface" },
    );
    expect(search.items.map((o) => o.increment_id)).toContain(order.increment_id);
  });

  it.each([
    ["an unknown cart", "GET", "/rest/V1/guest-carts/00000000000000000000000000000000", undefined, 404, "No such entity with %fieldName = %fieldValue"],
    ["an unknown sku", "POST", "/items", { cartItem: { sku: "NOPE", qty: 1 } }, 404, "The product that was requested doesn't exist. Verify the product and try again."],
    ["a configurable without options", "POST", "/items", { cartItem: { sku: "MH01", qty: 1 } }, 400, "You need to choose options for your item."],
    ["a zero qty", "POST", "/items", { cartItem: { sku: "24-MB01", qty: 0 } }, 400, "Please enter a number greater than 0 in this field."],
    ["a missing cartItem", "POST", "/items", {}, 400, '"%fieldName" is required. Enter and try again.'],
    ["an unknown item", "DELETE", "/items/999999", undefined, 404, "The %1 Cart doesn't contain the %2 item."],
    ["a non-numeric item id", "PUT", "/items/abc", { cartItem: { qty: 1 } }, 400, 'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.'],
    ["an order without address", "POST", "/payment-information", { email: "a@example.com", paymentMethod: { method: "checkmo" } }, 400, "Unable to place order: %1"],
  ])("rejects %s", async (_name, method, path, body, status, message) => {
    const id = await createGuestCart();
    if (path === "/payment-information") {
      await call("POST", `/rest/V1/guest-carts/${id}/items`, { body: { cartItem: { sku: "24-MB01", qty: 1 } }, schema: item });
    }
    const url = path.startsWith("/rest") ? path : `/rest/V1/guest-carts/${id}${path}`;
    const error = await call<{ message: string }>(method, url, { body, status });
    expect(error.message).toBe(message);
  });
});

describe("carts/mine", () => {
  it("needs a customer token and serves the customer's active cart", async () => {
    expect(await call("GET", "/rest/V1/carts/mine", { status: 401 })).toEqual({
      message: "The consumer isn't authorized to access %resources.", parameters: { resources: "self" },
    });
    const token = await call<string>("POST", "/rest/V1/integration/customer/token", {
      body: { username: "roni_cost@example.com", password: "Test1234!" }, schema: { type: "string" },
    });
    const quoteId = await call<number>("POST", "/rest/V1/carts/mine", { token, schema: { type: "integer" } });
    const line = await call<{ quote_id: string }>("POST", "/rest/V1/carts/mine/items", {
      token, body: { cartItem: { sku: "24-MB04", qty: 1, quote_id: String(quoteId) } }, schema: item,
    });
    expect(line.quote_id).toBe(String(quoteId));
    const cart = await call<{ id: number; customer: { email: string }; items: unknown[] }>("GET", "/rest/V1/carts/mine", { token, schema: "quote-data-cart-interface" });
    expect(cart).toMatchObject({ id: quoteId, customer: { email: "roni_cost@example.com" }, customer_is_guest: false });
    await call("POST", "/rest/V1/carts/mine/shipping-information", { token, body: shippingInformation, schema: "checkout-data-payment-details-interface" });
    const orderId = await call<number>("POST", "/rest/V1/carts/mine/payment-information", {
      token, body: { paymentMethod: { method: "checkmo" } }, schema: { type: "integer" },
    });
    expect(harness.commerce.listCustomerOrders(1).map((o) => o.id)).toContain(orderId);

    expect(await call("POST", "/rest/V1/integration/customer/revoke-customer-token", { token, schema: { type: "boolean" } })).toBe(true);
    await call("GET", "/rest/V1/carts/mine", { token, status: 401 });
  });

  it("refuses a customer token on admin resources", async () => {
    const token = await call<string>("POST", "/rest/V1/integration/customer/token", {
      body: { username: "roni_cost@example.com", password: "Test1234!" }, schema: { type: "string" },
    });
    const body = await call("GET", "/rest/V1/orders/1", { token, status: 401 });
    expect(body).toEqual({ message: "The consumer isn't authorized to access %resources.", parameters: { resources: "Magento_Sales::actions_view" } });
  });
});
