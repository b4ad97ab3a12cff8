/** Mini cart and checkout steps as docs/commerce-webapi/graphql/tutorials/checkout runs them. */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

const CART_FIELDS = `id email total_quantity
  items { uid quantity product { sku name } prices { price { value } row_total { value } }
    ... on ConfigurableCartItem { configurable_options { option_label value_label configurable_product_option_value_uid } configured_variant { sku } } }
  prices { subtotal_excluding_tax { value } grand_total { value currency } applied_taxes { label amount { value } } }`;

const ADDRESS = { firstname: "Veronica", lastname: "Costello", street: ["6146 Honey Bluff Parkway"], city: "Calder", region: "Michigan", postcode: "49628-7978", country_code: "US", telephone: "(555) 229-3326" };

async function createCart(headers: Record<string, string> = {}): Promise<string> {
  const { body } = await gql.post<{ createGuestCart: { cart: { id: string } } }>("mutation { createGuestCart { cart { id } } }", { headers });
  return body.data!.createGuestCart.cart.id;
}

async function login(): Promise<Record<string, string>> {
  const { body } = await gql.post<{ generateCustomerToken: { token: string } }>(`mutation ($email: String!, $password: String!) { generateCustomerToken(email: $email, password: $password) { token } }`, { variables: { email: "roni_cost@example.com", password: "Test1234!" } });
  return { Authorization: `Bearer ${body.data!.generateCustomerToken.token}` };
}

describe("guest checkout", () => {
  it("adds simple and configurable products, edits lines and places an order", async () => {
    const cartId = await createCart();
    expect(cartId).toMatch(/^[A-Za-z0-9]{32}$/);
    const detail = await gql.get<{ products: { items: { configurable_options: { values: { label: string; uid: string }[] }[] }[] } }>(`{ products(filter: { sku: { eq: "MH01" } }) { items { ... on ConfigurableProduct { configurable_options { values { label uid } } } } } }`);
    const [sizes, colors] = detail.body.data!.products.items[0]!.configurable_options;
    const selected = [sizes!.values.find((v) => v.label === "M")!.uid, colors!.values.find((v) => v.label === "Gray")!.uid];
    const added = await gql.post<{ addProductsToCart: { cart: { items: { uid: string; product: { sku: string }; configured_variant?: { sku: string } }[]; total_quantity: number }; user_errors: unknown[] } }>(
      `mutation ($cartId: String!, $items: [CartItemInput!]!) { addProductsToCart(cartId: $cartId, cartItems: $items) { cart { ${CART_FIELDS} } user_errors { code message } } }`,
      { variables: { cartId, items: [{ sku: "24-MB01", quantity: 2 }, { sku: "MH01", quantity: 1, selected_options: selected }, { sku: "NOPE", quantity: 1 }] } },
    );
    const { cart, user_errors } = added.body.data!.addProductsToCart;
    expect(user_errors).toEqual([{ code: "PRODUCT_NOT_FOUND", message: expect.any(String) }]);
    expect(cart.total_quantity).toBe(3);
    expect(cart.items.map((i) => i.configured_variant?.sku ?? i.product.sku)).toEqual(["24-MB01", "MH01-M-Gray"]);

    const bag = cart.items[0]!.uid;
    const updated = await gql.post<{ updateCartItems: { cart: { total_quantity: number } } }>(`mutation ($cartId: String!, $uid: ID!) { updateCartItems(input: { cart_id: $cartId, cart_items: [{ cart_item_uid: $uid, quantity: 3 }] }) { cart { total_quantity } } }`, { variables: { cartId, uid: bag } });
    expect(updated.body.data!.updateCartItems.cart.total_quantity).toBe(4);
    const removed = await gql.post<{ removeItemFromCart: { cart: { items: unknown[] } } }>(`mutation ($cartId: String!, $uid: ID!) { removeItemFromCart(input: { cart_id: $cartId, cart_item_uid: $uid }) { cart { items { uid } } } }`, { variables: { cartId, uid: bag } });
    expect(removed.body.data!.removeItemFromCart.cart.items).toHaveLength(1);

    await gql.post(`mutation ($cartId: String!) { setGuestEmailOnCart(input: { cart_id: $cartId, email: "guest@example.com" }) { cart { email } } }`, { variables: { cartId } });
    const shipping = await gql.post<{ setShippingAddressesOnCart: { cart: { shipping_addresses: { city: string; region: { code: string }; country: { label: string }; available_shipping_methods: { carrier_code: string; method_code: string; amount: { value: number } }[] }[] } } }>(
      `mutation ($cartId: String!, $address: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $cartId, shipping_addresses: [{ address: $address }] }) {
        cart { shipping_addresses { city region { code label } country { code label } available_shipping_methods { carrier_code method_code carrier_title amount { value } } } } } }`,
      { variables: { cartId, address: ADDRESS } },
    );
    const address = shipping.body.data!.setShippingAddressesOnCart.cart.shipping_addresses[0]!;
    expect(address).toMatchObject({ city: "Calder", region: { code: "MI" }, country: { label: "United States" } });
    const method = address.available_shipping_methods[0]!;
    await gql.post(`mutation ($cartId: String!) { setBillingAddressOnCart(input: { cart_id: $cartId, billing_address: { same_as_shipping: true } }) { cart { billing_address { city } } } }`, { variables: { cartId } });
    await gql.post(`mutation ($cartId: String!, $c: String!, $m: String!) { setShippingMethodsOnCart(input: { cart_id: $cartId, shipping_methods: [{ carrier_code: $c, method_code: $m }] }) { cart { shipping_addresses { selected_shipping_method { carrier_code } } } } }`, { variables: { cartId, c: method.carrier_code, m: method.method_code } });
    const payment = await gql.post<{ cart: { available_payment_methods: { code: string }[] } }>(`query ($cartId: String!) { cart(cart_id: $cartId) { available_payment_methods { code title } } }`, { variables: { cartId } });
    const code = payment.body.data!.cart.available_payment_methods[0]!.code;
    await gql.post(`mutation ($cartId: String!, $code: String!) { setPaymentMethodOnCart(input: { cart_id: $cartId, payment_method: { code: $code } }) { cart { selected_payment_method { code } } } }`, { variables: { cartId, code } });
    const placed = await gql.post<{ placeOrder: { orderV2: { number: string; items: { product_sku: string }[] }; errors: unknown[] } }>(`mutation ($cartId: String!) { placeOrder(input: { cart_id: $cartId }) { orderV2 { number status items { product_sku product_name quantity_ordered } total { grand_total { value } } } errors { code message } } }`, { variables: { cartId } });
    expect(placed.body.data!.placeOrder.errors).toEqual([]);
    expect(placed.body.data!.placeOrder.orderV2.number).toMatch(/^\d{9}$/);

    const again = await gql.post<{ placeOrder: { errors: { code: string }[] } }>(`mutation ($cartId: String!) { placeOrder(input: { cart_id: $cartId }) { orderV2 { number } errors { code message } } }`, { variables: { cartId } });
    expect(again.body.data!.placeOrder.errors[0]?.code).toBe("CART_NOT_ACTIVE");
  });

  it("refuses a client cart_uid that already exists", async () => {
    const mutation = `mutation { createGuestCart(input: { cart_uid: "${"c".repeat(32)}" }) { cart { id } } }`;
    expect((await gql.post(mutation)).body.data).toEqual({ createGuestCart: { cart: { id: "c".repeat(32) } } });
    const again = await gql.post(mutation);
    expect(again.body.errors?.[0]).toMatchObject({ message: `Cart with ID "${"c".repeat(32)}" already exists.`, extensions: { category: "graphql-already-exists" } });
  });

  it.each([
    ["a cart_uid of the wrong length", "mutation { createGuestCart(input: { cart_uid: \"short\" }) { cart { id } } }", "Cart ID length should be 32 characters."],
    ["an unknown cart item", `mutation { removeItemFromCart(input: { cart_id: "${"b".repeat(32)}", cart_item_uid: "OTk5" }) { cart { id } } }`, `Could not find a cart with ID "${"b".repeat(32)}"`],
  ])("rejects %s", async (_name, query, message) => {
    expect((await gql.post(query)).body.errors?.[0]?.message).toBe(message);
  });
});

describe("customer", () => {
  it("signs in, merges the guest cart, orders, and lists the order", async () => {
    const guestCart = await createCart();
    await gql.post(`mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "24-WB04", quantity: 1 }]) { cart { id } } }`, { variables: { id: guestCart } });
    const auth = await login();
    const me = await gql.post<{ customer: { email: string; firstname: string } }>("{ customer { email firstname lastname addresses { city default_shipping } } }", { headers: auth });
    expect(me.body.data!.customer).toMatchObject({ email: "roni_cost@example.com", firstname: "Veronica" });
    const customerCart = await gql.post<{ customerCart: { id: string } }>("{ customerCart { id } }", { headers: auth });
    const merged = await gql.post<{ mergeCarts: { items: { product: { sku: string } }[] } }>(`mutation ($s: String!, $d: String!) { mergeCarts(source_cart_id: $s, destination_cart_id: $d) { items { product { sku } } } }`, { headers: auth, variables: { s: guestCart, d: customerCart.body.data!.customerCart.id } });
    expect(merged.body.data!.mergeCarts.items.map((i) => i.product.sku)).toContain("24-WB04");

    const other = await gql.post(`query ($id: String!) { cart(cart_id: $id) { id } }`, { variables: { id: customerCart.body.data!.customerCart.id } });
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0]?.extensions?.category).toBe("graphql-authorization");

    const cartId = customerCart.body.data!.customerCart.id;
    await gql.post(`mutation ($cartId: String!, $address: CartAddressInput!) { setShippingAddressesOnCart(input: { cart_id: $cartId, shipping_addresses: [{ address: $address }] }) { cart { id } } }`, { headers: auth, variables: { cartId, address: ADDRESS } });
    await gql.post(`mutation ($cartId: String!, $address: CartAddressInput!) { setBillingAddressOnCart(input: { cart_id: $cartId, billing_address: { address: $address } }) { cart { id } } }`, { headers: auth, variables: { cartId, address: ADDRESS } });
    await gql.post(`mutation ($cartId: String!) { setShippingMethodsOnCart(input: { cart_id: $cartId, shipping_methods: [{ carrier_code: "flatrate", method_code: "flatrate" }] }) { cart { id } } }`, { headers: auth, variables: { cartId } });
    await gql.post(`mutation ($cartId: String!) { setPaymentMethodOnCart(input: { cart_id: $cartId, payment_method: { code: "checkmo" } }) { cart { id } } }`, { headers: auth, variables: { cartId } });
    const placed = await gql.post<{ placeOrder: { order: { order_number: string } } }>(`mutation ($cartId: String!) { placeOrder(input: { cart_id: $cartId }) { order { order_number } errors { code message } } }`, { headers: auth, variables: { cartId } });
    const number = placed.body.data!.placeOrder.order.order_number;
    const orders = await gql.post<{ customer: { orders: { total_count: number; items: { number: string; items: { product_sku: string }[] }[] } } }>(`query ($n: String!) { customer { orders(filter: { number: { eq: $n } }) { total_count items { number order_date status items { product_sku } total { grand_total { value currency } } } } } }`, { headers: auth, variables: { n: number } });
    expect(orders.body.data!.customer.orders.total_count).toBe(1);
    expect(orders.body.data!.customer.orders.items[0]!.items.map((i) => i.product_sku)).toContain("24-WB04");
  });

  it("recognises a signed-in storefront session (PHPSESSID) when no token is sent", async () => {
    const { commerce } = sandbox.store;
    const session = commerce.sessions.create();
    session.customerId = commerce.authenticate("roni_cost@example.com", "Test1234!").id;
    const cookie = { Cookie: `form_key=abc; PHPSESSID=${session.id}` };
    expect((await gql.post("{ customer { email } }", { headers: cookie })).body.data).toEqual({ customer: { email: "roni_cost@example.com" } });
    const withBadToken = await gql.post("{ customer { email } }", { headers: { ...cookie, Authorization: "Bearer not-a-token" } });
    expect(withBadToken.status).toBe(403);
    expect((await gql.post("{ customer { email } }", { headers: { Cookie: "PHPSESSID=unknown" } })).status).toBe(403);
  });

  it("answers the deprecated createEmptyCart and customerOrders", async () => {
    const guest = await gql.post<{ createEmptyCart: string }>("mutation { createEmptyCart }");
    expect(guest.body.data!.createEmptyCart).toMatch(/^[A-Za-z0-9]{32}$/);
    const auth = await login();
    const mine = await gql.post<{ createEmptyCart: string }>("mutation { createEmptyCart }", { headers: auth });
    const cart = await gql.post<{ customerCart: { id: string } }>("{ customerCart { id } }", { headers: auth });
    expect(mine.body.data!.createEmptyCart).toBe(cart.body.data!.customerCart.id);
    const orders = await gql.post<{ customerOrders: { items: { order_number: string }[] }; customer: { orders: { items: { number: string }[] } } }>(
      "{ customerOrders { items { order_number grand_total status created_at } } customer { orders { items { number } } } }", { headers: auth });
    const data = orders.body.data!;
    expect(data.customerOrders.items.map((o) => o.order_number)).toEqual(data.customer.orders.items.map((o) => o.number));
  });

  it("refuses a wrong password with 401 graphql-authentication", async () => {
    const { status, body } = await gql.post(`mutation { generateCustomerToken(email: "roni_cost@example.com", password: "wrong") { token } }`);
    expect(status).toBe(401);
    expect(body.errors?.[0]).toMatchObject({ extensions: { category: "graphql-authentication" } });
  });

  it("revokes the token so the next call is unauthorized", async () => {
    const auth = await login();
    expect((await gql.post("mutation { revokeCustomerToken { result } }", { headers: auth })).body.data).toEqual({ revokeCustomerToken: { result: true } });
    expect((await gql.post("{ customer { email } }", { headers: auth })).status).toBe(403);
  });
});
