// Contract: carts, customer session and orders against the sandbox. None of it may be cached.
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, MagentoInputError } from "../../src/index.ts";
import type { Adapters } from "../../src/index.ts";

let sandbox: RunningSandbox;
let adapters: Adapters;
let magentoCalls = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = createAdapters({ magentoUrl: sandbox.url, onMagentoCall: () => void (magentoCalls += 1) });
});
afterAll(async () => {
  await adapters.close();
  await sandbox.close();
});

describe("guest cart against the sandbox", () => {
  let cartId = "";

  it("creates a guest cart and adds a simple product", async () => {
    cartId = await adapters.createGuestCart();
    expect(cartId).toMatch(/^[A-Za-z0-9]{32}$/);
    const cart = await adapters.addToCart(cartId, [{ sku: "24-MB01", quantity: 2 }]);
    expect(cart.items.map((i) => [i.sku, i.quantity, i.rowTotal.amount])).toEqual([["24-MB01", 2, 68]]);
    expect(cart.totals.subtotal).toEqual({ amount: 68, currency: "USD" });
  });

  it("adds a configurable product by its option value uids", async () => {
    const jacket = await adapters.getProductBySku("WJ12");
    const variant = jacket!.variants.find((v) => v.sku === "WJ12-S-Blue")!;
    const cart = await adapters.addToCart(cartId, [{ sku: "WJ12", quantity: 1, selectedOptions: Object.values(variant.attributes).map((a) => a.uid) }]);
    const line = cart.items.find((i) => i.productSku === "WJ12");
    expect(line).toMatchObject({ sku: "WJ12-S-Blue", quantity: 1 });
    expect(line?.options.map((o) => o.value).sort()).toEqual(["Blue", "S"]);
  });

  it("adds a configurable product by variant sku plus parent sku", async () => {
    const cart = await adapters.addToCart(cartId, [{ sku: "WJ12-XS-Black", parentSku: "WJ12", quantity: 1 }]);
    expect(cart.items.find((i) => i.sku === "WJ12-XS-Black")).toMatchObject({ productSku: "WJ12", quantity: 1 });
    const removed = await adapters.removeCartItem(cartId, cart.items.find((i) => i.sku === "WJ12-XS-Black")!.uid);
    expect(removed.items.map((i) => i.sku)).toEqual(["24-MB01", "WJ12-S-Blue"]);
  });

  it("updates and removes lines, and reads the cart fresh each time (never cached)", async () => {
    const before = await adapters.getCart(cartId);
    const bag = before!.items.find((i) => i.sku === "24-MB01")!;
    const updated = await adapters.updateCartItems(cartId, [{ uid: bag.uid, quantity: 3 }]);
    expect(updated.items.find((i) => i.uid === bag.uid)?.quantity).toBe(3);
    const calls = magentoCalls;
    const removed = await adapters.removeCartItem(cartId, bag.uid);
    expect(removed.items.map((i) => i.productSku)).toEqual(["WJ12"]);
    expect((await adapters.getCart(cartId))?.items).toHaveLength(1);
    expect(magentoCalls - calls).toBe(2);
    expect(removed.totals.grandTotal.amount).toBeGreaterThan(0);
  });

  it("reads the cart's totals breakdown over REST, matching the GraphQL subtotal", async () => {
    const cart = await adapters.getCart(cartId);
    const totals = await adapters.getCartTotals(cartId);
    expect(totals?.subtotal).toEqual(cart?.totals.subtotal);
    expect(totals?.itemsQuantity).toBe(1);
    expect(totals?.segments.map((s) => s.code)).toContain("subtotal");
    expect(await adapters.getCartTotals("00000000000000000000000000000000")).toBeUndefined();
  });

  it("returns undefined for an unknown cart and rejects an unknown sku with Magento's category", async () => {
    expect(await adapters.getCart("00000000000000000000000000000000")).toBeUndefined();
    const error = await adapters.addToCart(cartId, [{ sku: "NO-SUCH-SKU", quantity: 1 }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoInputError);
    expect(error).toMatchObject({ category: "PRODUCT_NOT_FOUND" });
  });
});

describe("customer against the sandbox", () => {
  let token = "";

  it("signs in roni_cost@example.com and reads the customer", async () => {
    token = (await adapters.signIn("roni_cost@example.com", "Test1234!")).token;
    expect(await adapters.getCustomer({ customerToken: token })).toMatchObject({
      email: "roni_cost@example.com", firstName: "Veronica", lastName: "Costello", groupId: "1",
      addresses: [{ city: "Calder", countryCode: "US", isDefaultShipping: true }],
    });
  });

  it("rejects a wrong password with graphql-authentication", async () => {
    const error = await adapters.signIn("roni_cost@example.com", "wrong-password").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoInputError);
    expect(error).toMatchObject({ category: "graphql-authentication" });
  });

  it("adds to the customer cart and sees the order once it is placed", async () => {
    const cart = await adapters.getCustomerCart({ customerToken: token });
    const filled = await adapters.addToCart(cart.id, [{ sku: "24-MB01", quantity: 1 }], { customerToken: token });
    expect(filled.items.map((i) => i.sku)).toEqual(["24-MB01"]);

    // Checkout itself is not part of the adapters: place the order through the sandbox's state.
    const { commerce } = sandbox.store;
    const viewer = { customerId: commerce.resolveCustomerToken(token)! };
    const address = { firstname: "Veronica", lastname: "Costello", street: ["6146 Honey Bluff Parkway"], city: "Calder", regionCode: "MI", region: "Michigan", postcode: "49628-7978", countryId: "US", telephone: "(555) 229-3326" };
    commerce.setShippingAddress(cart.id, viewer, address);
    commerce.setBillingAddress(cart.id, viewer, address, true);
    const method = commerce.getShippingMethods(cart.id, viewer)[0]!;
    commerce.setShippingMethod(cart.id, viewer, method.carrierCode, method.methodCode);
    commerce.setPaymentMethod(cart.id, viewer, "checkmo");
    const order = commerce.placeOrder(cart.id, viewer);

    const orders = await adapters.getOrders({ customerToken: token });
    const mine = orders.items.find((o) => o.number === order.incrementId);
    expect(mine?.items.map((i) => [i.sku, i.quantityOrdered])).toEqual([["24-MB01", 1]]);
    expect(mine?.grandTotal.amount).toBeGreaterThanOrEqual(34);
  });

  it("signs out: the token stops working", async () => {
    await adapters.signOut({ customerToken: token });
    const error = await adapters.getCustomer({ customerToken: token }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MagentoInputError);
    expect((error as MagentoInputError).category).toMatch(/^graphql-(authorization|authentication)$/);
  });
});
