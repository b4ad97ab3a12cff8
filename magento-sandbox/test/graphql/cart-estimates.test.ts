/** The cart page's "Estimate Shipping and Tax" box: estimateShippingMethods and estimateTotals (2.4.7+). */
import { beforeAll, describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;
let cartId: string;

const ESTIMATE_METHODS = `mutation ($input: EstimateTotalsInput!) { estimateShippingMethods(input: $input) { carrier_code method_code amount { value currency } available } }`;
const ESTIMATE_TOTALS = `mutation ($input: EstimateTotalsInput!) { estimateTotals(input: $input) { cart {
  prices { subtotal_excluding_tax { value } grand_total { value } applied_taxes { amount { value } } }
  shipping_addresses { country { code } region { code } postcode selected_shipping_method { carrier_code amount { value } } } } } }`;
const michigan = { country_code: "US", postcode: "49628", region: { region_code: "MI" } };

beforeAll(async () => {
  const created = await gql.post<{ createGuestCart: { cart: { id: string } } }>("mutation { createGuestCart { cart { id } } }");
  cartId = created.body.data!.createGuestCart.cart.id;
  const added = await gql.post(`mutation { addProductsToCart(cartId: "${cartId}", cartItems: [{ sku: "24-MB01", quantity: 2 }]) { user_errors { message } } }`);
  expect(added.body.errors).toBeUndefined();
});

describe("estimates", () => {
  it("lists the shipping methods for a destination", async () => {
    const { body } = await gql.post<{ estimateShippingMethods: { carrier_code: string; amount: { value: number } }[] }>(ESTIMATE_METHODS, { variables: { input: { cart_id: cartId, address: michigan } } });
    expect(body.errors).toBeUndefined();
    expect(body.data!.estimateShippingMethods.map((m) => [m.carrier_code, m.amount.value])).toContainEqual(["flatrate", 10]);
  });

  it("prices the cart for a destination and method with Michigan's tax, without saving either", async () => {
    const { body } = await gql.post<{ estimateTotals: { cart: Record<string, unknown> } }>(ESTIMATE_TOTALS, {
      variables: { input: { cart_id: cartId, address: michigan, shipping_method: { carrier_code: "flatrate", method_code: "flatrate" } } },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.estimateTotals.cart).toEqual({
      prices: { subtotal_excluding_tax: { value: 68 }, grand_total: { value: 83.61 }, applied_taxes: [{ amount: { value: 5.61 } }] },
      shipping_addresses: [{ country: { code: "US" }, region: { code: "MI" }, postcode: "49628", selected_shipping_method: { carrier_code: "flatrate", amount: { value: 10 } } }],
    });
    const after = await gql.post<{ cart: { shipping_addresses: unknown[]; prices: { grand_total: { value: number } } } }>(
      `{ cart(cart_id: "${cartId}") { shipping_addresses { postcode } prices { grand_total { value } } } }`,
    );
    expect(after.body.data!.cart).toEqual({ shipping_addresses: [], prices: { grand_total: { value: 68 } } });
  });

  it.each([
    ["an unknown cart", { cart_id: "x".repeat(32), address: michigan }, `Could not find a cart with ID "${"x".repeat(32)}"`, "graphql-no-such-entity"],
  ])("rejects %s", async (_name, input, message, category) => {
    const { body } = await gql.post(ESTIMATE_TOTALS, { variables: { input } });
    expect(body.errors?.[0]).toMatchObject({ message, extensions: { category } });
  });
});
