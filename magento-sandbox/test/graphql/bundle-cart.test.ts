/** Bundles in the one cart: added through GraphQL (option uids), REST (bundle_options) and the Luma form (bundle_option[…]). */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql, rest } = sandbox;
const KIT = "24-WG080";
const CART_ITEMS = `query ($id: String!) { cart(cart_id: $id) { total_quantity prices { subtotal_excluding_tax { value } }
  items { __typename quantity prices { price { value } } product { sku }
    ... on BundleCartItem { bundle_options { id uid label type values { id uid label quantity price original_price { value currency } } } } } } }`;
const ADD = `mutation ($id: String!, $sku: String!, $options: [ID!]) {
  addProductsToCart(cartId: $id, cartItems: [{ sku: $sku, quantity: 1, selected_options: $options }]) { user_errors { code message } cart { total_quantity } } }`;

interface BundleItemOption { uid: string; title: string; options: { uid: string; label: string }[] }

async function newCart(): Promise<string> {
  const { body } = await gql.post<{ createGuestCart: { cart: { id: string } } }>("mutation { createGuestCart { cart { id } } }");
  return body.data!.createGuestCart.cart.id;
}

/** The first choice of every option, as a storefront would read it from the product's `items`. */
async function firstChoices(): Promise<{ uids: string[]; labels: string[] }> {
  const { body } = await gql.get<{ products: { items: { items: BundleItemOption[] }[] } }>(
    `{ products(filter: { sku: { eq: "${KIT}" } }) { items { ... on BundleProduct { items { uid title options { uid label } } } } } }`,
  );
  const options = body.data!.products.items[0]!.items;
  return { uids: options.map((o) => o.options[0]!.uid), labels: options.map((o) => o.options[0]!.label) };
}

describe("bundles in the cart", () => {
  it("adds a bundle with its chosen options through GraphQL and shows a BundleCartItem", async () => {
    const id = await newCart();
    const { uids, labels } = await firstChoices();
    const added = await gql.post<{ addProductsToCart: { user_errors: unknown[] } }>(ADD, { variables: { id, sku: KIT, options: uids } });
    expect(added.body.data!.addProductsToCart.user_errors).toEqual([]);
    const { body } = await gql.post<{ cart: { total_quantity: number; items: { __typename: string; prices: { price: { value: number } }; bundle_options: { label: string; values: { label: string; quantity: number; price: number }[] }[] }[] } }>(CART_ITEMS, { variables: { id } });
    const item = body.data!.cart.items[0]!;
    expect(item.__typename).toBe("BundleCartItem");
    expect(item.bundle_options.map((o) => o.label)).toEqual(["Sprite Stasis Ball", "Sprite Foam Yoga Brick", "Sprite Yoga Strap", "Sprite Foam Roller"]);
    expect(item.bundle_options.map((o) => o.values[0]!.label)).toEqual(labels);
    // Dynamic price: 23 + 5 + 14 + 19.
    expect(item.prices.price.value).toBe(61);
  });

  it.each([
    ["no options at all", () => [], "REQUIRED_PARAMETER_MISSING", "Please select all required options."],
    ["two choices for a radio option", async () => { const { uids } = await firstChoices(); return [...uids, Buffer.from("bundle/1/2/1").toString("base64")]; }, "INVALID_PARAMETER_VALUE", "The required options you selected are not available."],
    ["a selection of another option", async () => { const { uids } = await firstChoices(); return [Buffer.from("bundle/1/4/1").toString("base64"), ...uids.slice(1)]; }, "INVALID_PARAMETER_VALUE", "The required options you selected are not available."],
  ])("rejects %s with a user error", async (_name, options, code, message) => {
    const id = await newCart();
    const { body } = await gql.post<{ addProductsToCart: { user_errors: { code: string; message: string }[]; cart: { total_quantity: number } } }>(ADD, { variables: { id, sku: KIT, options: await options() } });
    expect(body.data!.addProductsToCart.user_errors).toEqual([{ code, message }]);
    expect(body.data!.addProductsToCart.cart.total_quantity).toBe(0);
  });

  it("adds a bundle through REST bundle_options and reads it back in Magento's shape", async () => {
    const id = await rest<string>("POST", "/rest/V1/guest-carts", { schema: { type: "string" } });
    const bundleOptions = [[1, 3], [2, 4], [3, 7], [4, 8]].map(([option, selection]) => ({ option_id: option, option_qty: 1, option_selections: [selection] }));
    const item = await rest<{ sku: string; price: number; product_type: string; product_option: unknown }>("POST", `/rest/V1/guest-carts/${id}/items`, {
      body: { cartItem: { sku: KIT, qty: 2, product_option: { extension_attributes: { bundle_options: bundleOptions } } } },
      schema: "quote-data-cart-item-interface",
    });
    expect(item).toMatchObject({ sku: "24-WG080-24-WG083-blue-24-WG084-24-WG087-24-WG088", product_type: "bundle", price: 32 + 5 + 21 + 19 });
    expect(item.product_option).toEqual({ extension_attributes: { bundle_options: bundleOptions } });
    const { body } = await gql.post<{ cart: { total_quantity: number; prices: { subtotal_excluding_tax: { value: number } } } }>(CART_ITEMS, { variables: { id } });
    expect(body.data!.cart).toMatchObject({ total_quantity: 2, prices: { subtotal_excluding_tax: { value: 154 } } });
  });

  it("adds a bundle from the Luma product form with bundle_option fields", async () => {
    const shopper = sandbox.browser();
    const page = await shopper.get("/sprite-yoga-companion-kit.html");
    const fields = [...page.body.matchAll(/<select id="bundle-option-(\d+)" name="(bundle_option\[\d+\])"[^>]*>.*?<option value="(\d+)">/gs)];
    expect(fields.map((f) => f[2])).toEqual(["bundle_option[1]", "bundle_option[2]", "bundle_option[3]", "bundle_option[4]"]);
    const formKey = /<input name="form_key" type="hidden" value="([^"]+)">/.exec(page.body)![1]!;
    const form: Record<string, string> = { product: "45", qty: "1", form_key: formKey };
    for (const [, optionId, name, selection] of fields) {
      form[name!] = selection!;
      form[`bundle_option_qty[${optionId}]`] = "1";
    }
    const added = await shopper.post("/checkout/cart/add/", form, "/sprite-yoga-companion-kit.html");
    expect(added.location).toBe("/checkout/cart/");
    const cart = await shopper.get("/checkout/cart/");
    expect(cart.body).toContain("<dt>Sprite Yoga Strap</dt><dd>1 x Sprite Yoga Strap 6 foot <span class=\"price\">$14.00</span></dd>");
    const missing = await shopper.post("/checkout/cart/add/", { product: "45", qty: "1", form_key: formKey }, "/sprite-yoga-companion-kit.html");
    expect(missing.location).toBe("/sprite-yoga-companion-kit.html");
  });

  it("places a customer's bundle order that customer.orders shows as a BundleOrderItem", async () => {
    const { commerce } = sandbox;
    const token = commerce.createCustomerToken("roni_cost@example.com", "Test1234!").token;
    const viewer = { customerId: commerce.resolveCustomerToken(token)! };
    const cart = commerce.getCustomerCart(viewer.customerId);
    const choices = [[1, 2], [2, 4], [3, 5], [4, 8]].map(([optionId, selectionId]) => ({ optionId: optionId!, selectionId: selectionId! }));
    commerce.addItem(cart.maskedId, viewer, { sku: KIT, qty: 1, bundleChoices: choices });
    const address = {
      firstname: "Veronica", lastname: "Costello", street: ["6146 Honey Bluff Parkway"], city: "Calder", regionCode: "MI",
      postcode: "49628-7978", countryId: "US", telephone: "(555) 229-3326",
    };
    commerce.setShippingAddress(cart.maskedId, viewer, address);
    commerce.setBillingAddress(cart.maskedId, viewer, address);
    commerce.setShippingMethod(cart.maskedId, viewer, "flatrate", "flatrate");
    commerce.setPaymentMethod(cart.maskedId, viewer, "checkmo");
    const order = commerce.placeOrder(cart.maskedId, viewer);
    const { body } = await gql.post<{ customer: { orders: { items: { number: string; items: Record<string, unknown>[] }[] } } }>(
      `{ customer { orders(filter: { number: { eq: "${order.incrementId}" } }) { items { number items { __typename product_sku product_type
        ... on BundleOrderItem { bundle_options { label values { product_name product_sku quantity price { value } } } } } } } } }`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const item = body.data!.customer.orders.items[0]!.items[0]!;
    expect(item).toMatchObject({ __typename: "BundleOrderItem", product_sku: "24-WG080-24-WG082-blue-24-WG084-24-WG085-24-WG088", product_type: "bundle" });
    expect((item.bundle_options as { label: string; values: { product_sku: string; quantity: number; price: { value: number } }[] }[])[0]).toEqual({
      label: "Sprite Stasis Ball", values: [{ product_name: expect.any(String), product_sku: "24-WG082-blue", quantity: 1, price: { value: 27 } }],
    });
  });
});
