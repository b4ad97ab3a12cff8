import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const harness = useSandbox();
const call = harness.rest;
const customerSchema = "customer-data-customer-interface";

describe("customers", () => {
  it("answers customers/me for a customer token with the seeded address", async () => {
    const token = await call<string>("POST", "/rest/V1/integration/customer/token", {
      body: { username: "roni_cost@example.com", password: "Test1234!" }, schema: { type: "string" },
    });
    const me = await call<Record<string, unknown>>("GET", "/rest/V1/customers/me", { token, schema: customerSchema });
    expect(me).toMatchObject({ email: "roni_cost@example.com", firstname: "Veronica", lastname: "Costello", group_id: 1 });
    expect(me.addresses).toMatchObject([{ city: "Calder", region: { region_code: "MI", region_id: 33 }, default_billing: true }]);
    await call("GET", "/rest/V1/customers/me", { status: 401 });
  });

  it("creates an account that can sign in, and refuses a duplicate email", async () => {
    const body = { customer: { email: "new.shopper@example.com", firstname: "New", lastname: "Shopper" }, password: "Secret123!" };
    const created = await call<{ id: number }>("POST", "/rest/V1/customers", { body, schema: customerSchema });
    const token = await call<string>("POST", "/rest/V1/integration/customer/token", {
      body: { username: "new.shopper@example.com", password: "Secret123!" }, schema: { type: "string" },
    });
    expect(await call("GET", "/rest/V1/customers/me", { token, schema: customerSchema })).toMatchObject({ id: created.id });
    const duplicate = await call("POST", "/rest/V1/customers", { body, status: 400 });
    expect(duplicate).toEqual({ message: "A customer with the same email address already exists in an associated website." });
  });
});

describe("assigning a guest cart to a customer", () => {
  it("makes the guest quote the customer's cart, once", async () => {
    await call("POST", "/rest/V1/customers", {
      body: { customer: { email: "assign@example.com", firstname: "As", lastname: "Sign" }, password: "Secret123!" }, schema: customerSchema,
    });
    const token = await call<string>("POST", "/rest/V1/integration/customer/token", {
      body: { username: "assign@example.com", password: "Secret123!" }, schema: { type: "string" },
    });
    const id = await call<string>("POST", "/rest/V1/guest-carts", { schema: { type: "string" } });
    await call("POST", `/rest/V1/guest-carts/${id}/items`, { body: { cartItem: { sku: "24-MB01", qty: 1 } }, schema: "quote-data-cart-item-interface" });
    expect(await call("PUT", `/rest/V1/guest-carts/${id}`, { token, body: { storeId: 1 }, schema: { type: "boolean" } })).toBe(true);
    const mine = await call<{ items: { sku: string }[]; customer_is_guest: boolean }>("GET", "/rest/V1/carts/mine", { token, schema: "quote-data-cart-interface" });
    expect(mine).toMatchObject({ customer_is_guest: false, items: [{ sku: "24-MB01" }] });

    const another = await call<string>("POST", "/rest/V1/guest-carts", { schema: { type: "string" } });
    const refused = await call("PUT", `/rest/V1/guest-carts/${another}`, { token, body: { storeId: 1 }, status: 400 });
    expect(refused).toEqual({ message: "The customer can't be assigned to the cart because the customer already has an active cart." });
    await call("PUT", `/rest/V1/guest-carts/${another}`, { body: { storeId: 1 }, status: 401 });
  });
});

describe("guest checkout by billing-address and order", () => {
  it("sets the billing address for shipping too, then places the order with PUT order", async () => {
    const id = await call<string>("POST", "/rest/V1/guest-carts", { schema: { type: "string" } });
    const base = `/rest/V1/guest-carts/${id}`;
    await call("POST", `${base}/items`, { body: { cartItem: { sku: "24-MB02", qty: 1, quote_id: id } }, schema: "quote-data-cart-item-interface" });
    const address = {
      firstname: "A", lastname: "B", street: ["1 Main St"], city: "Austin", region_code: "TX", region: "Texas", region_id: 57,
      country_id: "US", postcode: "78701", telephone: "555", email: "b@example.com",
    };
    await call("POST", `${base}/billing-address`, { body: { address, useForShipping: true }, schema: { type: "integer" } });
    harness.commerce.setGuestEmail(id, {}, "b@example.com");
    harness.commerce.setShippingMethod(id, {}, "flatrate", "flatrate");
    const orderId = await call<number>("PUT", `${base}/order`, { body: { paymentMethod: { method: "checkmo" } }, schema: { type: "integer" } });
    expect(harness.commerce.getOrder(orderId)).toMatchObject({ email: "b@example.com", totals: { tax: 0, shipping: 5 } });
  });
});
