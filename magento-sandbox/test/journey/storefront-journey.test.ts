import { beforeAll, describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

/**
 * One shopper over HTTP with a cookie jar: category → product → add to cart (refused without
 * form_key) → cart page → the same cart in GraphQL and REST → sign in (carts merge) →
 * checkout → the order in GraphQL `customer { orders }` and /sales/order/history/.
 * Every GraphQL answer is checked against the 2.4.8 schema and every REST body against the
 * OpenAPI shapes (the fixture's clients do both).
 */
const sandbox = useSandbox();
const { gql: graphql, rest } = sandbox;
const browser = () => shopper;
let shopper: ReturnType<typeof sandbox.browser>;
const state: { maskedId?: string; token?: string; orderNumber?: string } = {};

const formKeyOf = (body: string): string => /<input name="form_key" type="hidden" value="([^"]+)">/.exec(body)![1]!;
const cartQuery = `query ($id: String!) { cart(cart_id: $id) { id total_quantity items { quantity product { sku } ... on ConfigurableCartItem { configurable_options { option_label value_label } } } } }`;
const cartSchema = "quote-data-cart-interface";

beforeAll(async () => {
  shopper = sandbox.browser();
  // Roni already has something in her cart from another device: sign-in must merge it.
  const token = sandbox.commerce.createCustomerToken("roni_cost@example.com", "Test1234!").token;
  await rest("POST", "/rest/V1/carts/mine/items", { token, body: { cartItem: { sku: "24-MB04", qty: 1 } }, schema: "quote-data-cart-item-interface" });
  state.token = token;
});

describe("storefront journey", () => {
  it("walks from a category to a product and adds it to the cart with the form key", async () => {
    const category = await browser().get("/gear/bags.html");
    expect(category.status).toBe(200);
    const productUrl = /<a class="product-item-link" href="([^"]*joust-duffle-bag\.html)">/.exec(category.body)![1]!;
    const product = await browser().get(new URL(productUrl).pathname);
    const action = /action="([^"]+)" method="post" id="product_addtocart_form"/.exec(product.body)![1]!;

    const refused = await browser().post(action, { product: "1", qty: "2" }, "/joust-duffle-bag.html");
    expect(refused.location).toBe("/joust-duffle-bag.html");
    const added = await browser().post(action, { product: "1", qty: "2", form_key: formKeyOf(product.body) }, "/joust-duffle-bag.html");
    expect(added.location).toBe("/checkout/cart/");

    const hoodie = await browser().get("/chaz-kangeroo-hoodie.html");
    const color = /<select name="super_attribute\[93\]".*?<option value="(\d+)">/s.exec(hoodie.body)![1]!;
    const size = /<select name="super_attribute\[144\]".*?<option value="(\d+)">/s.exec(hoodie.body)![1]!;
    const configurable = await browser().post("/checkout/cart/add/", {
      product: /name="product" value="(\d+)"/.exec(hoodie.body)![1]!, qty: "1", form_key: formKeyOf(hoodie.body),
      "super_attribute[93]": color, "super_attribute[144]": size,
    });
    expect(configurable.location).toBe("/checkout/cart/");
  });

  it("shows the items on the cart page, which carries the quote's masked id", async () => {
    const cart = await browser().get("/checkout/cart/");
    expect(cart.body).toContain("You added Chaz Kangeroo Hoodie to your shopping cart.");
    expect(cart.body).toMatch(/<strong class="product-item-name">Joust Duffle Bag<\/strong>.*?name="cart\[\d+\]\[qty\]" value="2"/s);
    expect(cart.body).toContain("Chaz Kangeroo Hoodie");
    const config = JSON.parse(/window\.checkoutConfig = (.*?);<\/script>/.exec(cart.body)![1]!) as { quoteData: { entity_id: string } };
    const sections = JSON.parse((await browser().get("/customer/section/load/?sections=cart")).body) as { cart: { masked_quote_id: string; summary_count: number } };
    expect(sections.cart.masked_quote_id).toBe(config.quoteData.entity_id);
    expect(sections.cart.summary_count).toBe(3);
    state.maskedId = config.quoteData.entity_id;
  });

  it("is the same cart through GraphQL and REST", async () => {
    const result = await graphql.post<{ cart: { id: string; total_quantity: number; items: { quantity: number; product: { sku: string } }[] } }>(cartQuery, {
      variables: { id: state.maskedId },
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.cart.id).toBe(state.maskedId);
    expect(result.body.data?.cart.total_quantity).toBe(3);
    expect(result.body.data?.cart.items.map((i) => [i.product.sku, i.quantity])).toEqual([["24-MB01", 2], ["MH01", 1]]);
    const guestCart = await rest<{ items: { sku: string }[] }>("GET", `/rest/default/V1/guest-carts/${state.maskedId}`, { schema: cartSchema });
    expect(guestCart.items.map((i) => i.sku)).toEqual([expect.stringMatching(/^24-MB01$/), expect.stringMatching(/^MH01-/)]);
  });

  it("merges the guest cart into the customer's cart at sign-in", async () => {
    const login = await browser().get("/customer/account/login/");
    const signedIn = await browser().post("/customer/account/loginPost/", {
      "login[username]": "roni_cost@example.com", "login[password]": "Test1234!", form_key: formKeyOf(login.body),
    });
    expect(signedIn.location).toBe("/customer/account/");
    expect(browser().cookies.has("X-Magento-Vary")).toBe(true);

    const customerCart = await graphql.post<{ customerCart: { id: string; items: { quantity: number; product: { sku: string } }[] } }>(
      "{ customerCart { id items { quantity product { sku } } } }", { headers: { authorization: `Bearer ${state.token}` } },
    );
    expect(customerCart.body.data?.customerCart.items.map((i) => i.product.sku).sort()).toEqual(["24-MB01", "24-MB04", "MH01"]);
    const sections = JSON.parse((await browser().get("/customer/section/load/?sections=cart")).body) as { cart: { masked_quote_id: string; summary_count: number } };
    expect(sections.cart).toMatchObject({ masked_quote_id: customerCart.body.data?.customerCart.id, summary_count: 4 });
    await rest("GET", `/rest/default/V1/guest-carts/${state.maskedId}`, { status: 404 });
    const mine = await rest<{ items_qty: number }>("GET", "/rest/V1/carts/mine", { token: state.token!, schema: cartSchema });
    expect(mine.items_qty).toBe(4);
    // Session-based web API auth: the storefront cookie alone reaches the same quote.
    const sessionCart = await rest<{ items_qty: number }>("GET", "/rest/V1/carts/mine", { headers: { cookie: browser().cookieHeader() }, schema: cartSchema });
    expect(sessionCart.items_qty).toBe(4);
  });

  it("checks out and the order shows in GraphQL customer orders and the order history", async () => {
    const checkout = await browser().get("/checkout/");
    expect(checkout.status).toBe(200);
    const placed = await browser().post("/checkout/", {
      form_key: formKeyOf(checkout.body), firstname: "Veronica", lastname: "Costello", street: "6146 Honey Bluff Parkway",
      city: "Calder", region: "Michigan", postcode: "49628-7978", country_id: "US", telephone: "(555) 229-3326",
      shipping_method: "flatrate_flatrate", payment_method: "checkmo",
    });
    expect(placed.location).toBe("/checkout/onepage/success/");
    const success = await browser().get("/checkout/onepage/success/");
    state.orderNumber = /<a href="\/sales\/order\/view\/order_id\/\d+\/" class="order-number"><strong>(\d{9})<\/strong><\/a>/.exec(success.body)![1];

    const orders = await graphql.post<{ customer: { orders: { items: { number: string; status: string }[] } } }>(
      "{ customer { orders { items { number status } } } }", { headers: { authorization: `Bearer ${state.token}` } },
    );
    expect(orders.body.data?.customer.orders.items.map((o) => o.number)).toContain(state.orderNumber);
    const history = await browser().get("/sales/order/history/");
    expect(history.body).toContain(`<td data-th="Order #" class="col id">${state.orderNumber}</td>`);
    const view = await browser().get(/<a href="([^"]+)" class="action view">/.exec(history.body)![1]!);
    expect(view.body).toContain(`Order # ${state.orderNumber}`);
    expect(view.body).toMatch(/Joust Duffle Bag.*Chaz Kangeroo Hoodie/s);
    const cartAfter = JSON.parse((await browser().get("/customer/section/load/?sections=cart")).body) as { cart: { summary_count: number } };
    expect(cartAfter.cart.summary_count).toBe(0);
  });
});
