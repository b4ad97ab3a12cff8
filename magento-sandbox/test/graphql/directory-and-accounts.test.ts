/** Address-form directory data, account creation and the deprecated add-to-cart mutations. */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

describe("directory", () => {
  it("lists countries and the US regions with Magento's ids", async () => {
    const { body } = await gql.get<{ countries: { id: string; full_name_locale: string }[]; country: { available_regions: { id: number; code: string; name: string }[] } }>(
      `{ countries { id full_name_locale } country(id: "US") { id full_name_english available_regions { id code name } } }`,
    );
    const countries = body.data!.countries;
    expect(countries.length).toBeGreaterThan(200);
    expect(countries).toContainEqual({ id: "DE", full_name_locale: "Germany" });
    expect(countries.map((c) => c.id)).not.toContain("EU");
    expect(body.data!.country.available_regions).toContainEqual({ id: 33, code: "MI", name: "Michigan" });
  });

  it("rejects an unknown country", async () => {
    const { body } = await gql.get(`{ country(id: "QQ") { id } }`);
    expect(body.errors?.[0]).toMatchObject({ message: "The country isn't available.", extensions: { category: "graphql-no-such-entity" } });
  });

  it("answers the store currency", async () => {
    const { body } = await gql.get(`{ currency { base_currency_code default_display_currency_symbol available_currency_codes exchange_rates { currency_to rate } } }`);
    expect(body.data).toEqual({ currency: { base_currency_code: "USD", default_display_currency_symbol: "$", available_currency_codes: ["USD", "EUR"], exchange_rates: [{ currency_to: "USD", rate: 1 }, { currency_to: "EUR", rate: 0.9 }] } });
  });
});

describe("accounts", () => {
  it("creates a customer who can then sign in", async () => {
    const created = await gql.post<{ createCustomerV2: { customer: { email: string; firstname: string } } }>(
      `mutation ($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { email firstname lastname } } }`,
      { variables: { input: { email: "new.shopper@example.com", password: "Shopper123!", firstname: "New", lastname: "Shopper" } } },
    );
    expect(created.body.data!.createCustomerV2.customer).toEqual({ email: "new.shopper@example.com", firstname: "New", lastname: "Shopper" });
    const token = await gql.post<{ generateCustomerToken: { token: string } }>(`mutation { generateCustomerToken(email: "new.shopper@example.com", password: "Shopper123!") { token } }`);
    expect(token.body.data!.generateCustomerToken.token.length).toBeGreaterThan(20);
  });

  it("refuses a second account with the same email", async () => {
    const mutation = `mutation { createCustomerV2(input: { email: "roni_cost@example.com", password: "Whatever123!", firstname: "R", lastname: "C" }) { customer { email } } }`;
    const { body } = await gql.post(mutation);
    expect(body.errors?.[0]?.extensions?.category).toBe("graphql-already-exists");
  });
});

describe("deprecated add-to-cart mutations", () => {
  it("adds a simple and a configurable child by sku", async () => {
    const cart = await gql.post<{ createGuestCart: { cart: { id: string } } }>("mutation { createGuestCart { cart { id } } }");
    const cartId = cart.body.data!.createGuestCart.cart.id;
    await gql.post(`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "24-MB01", quantity: 1 } }] }) { cart { id } } }`, { variables: { id: cartId } });
    const { body } = await gql.post<{ addConfigurableProductsToCart: { cart: { items: { product: { sku: string } }[] } } }>(
      `mutation ($id: String!) { addConfigurableProductsToCart(input: { cart_id: $id, cart_items: [{ parent_sku: "MH01", data: { sku: "MH01-L-Orange", quantity: 1 } }] }) { cart { items { product { sku } } } } }`,
      { variables: { id: cartId } },
    );
    expect(body.data!.addConfigurableProductsToCart.cart.items.map((i) => i.product.sku)).toEqual(["24-MB01", "MH01"]);
  });

  it("reports a bad line as an error", async () => {
    const cart = await gql.post<{ createGuestCart: { cart: { id: string } } }>("mutation { createGuestCart { cart { id } } }");
    const { body } = await gql.post(`mutation ($id: String!) { addSimpleProductsToCart(input: { cart_id: $id, cart_items: [{ data: { sku: "NOPE", quantity: 1 } }] }) { cart { id } } }`, { variables: { id: cart.body.data!.createGuestCart.cart.id } });
    expect(body.errors?.[0]?.extensions?.category).toBe("graphql-input");
  });
});
