import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/index.ts";
import type { Catalog } from "../../src/catalog/types.ts";
import {
  AlreadyExistsError, AuthenticationError, AuthorizationError, createCommerce, InputError, NoSuchEntityError,
} from "../../src/commerce/index.ts";
import type { Address, Commerce } from "../../src/commerce/types.ts";

let catalog: Catalog;
const michigan: Address = {
  firstname: "Veronica", lastname: "Costello", street: ["6146 Honey Bluff Parkway"], city: "Calder",
  regionCode: "MI", postcode: "49628", countryId: "US", telephone: "555",
};
const texas: Address = { ...michigan, regionCode: "TX", city: "Austin" };

beforeAll(() => {
  catalog = loadCatalog();
});

function setup(now = () => Date.parse("2026-11-28T12:00:00Z")): Commerce {
  return createCommerce(catalog, { now });
}

function readyGuestCart(commerce: Commerce, address = michigan): string {
  const { maskedId } = commerce.createGuestCart();
  commerce.addItem(maskedId, {}, { sku: "24-MB01", qty: 2 });
  commerce.setGuestEmail(maskedId, {}, "guest@example.com");
  commerce.setShippingAddress(maskedId, {}, address);
  commerce.setBillingAddress(maskedId, {}, address);
  commerce.setShippingMethod(maskedId, {}, "flatrate", "flatrate");
  commerce.setPaymentMethod(maskedId, {}, "checkmo");
  return maskedId;
}

describe("guest carts (GetCartForUser)", () => {
  it("accepts a client-chosen 32-char id and rejects a wrong length or a reused one", () => {
    const commerce = setup();
    const id = "A7jCcOmUjjCh7MxDIzu1SeqdqETqEa5h";
    expect(commerce.createGuestCart(id).maskedId).toBe(id);
    expect(() => commerce.createGuestCart("short")).toThrow(new InputError("Cart ID length should be 32 characters."));
    expect(() => commerce.createGuestCart(id)).toThrow(AlreadyExistsError);
    expect(() => commerce.createGuestCart(id)).toThrow(`Cart with ID "${id}" already exists.`);
  });

  it("rejects an unknown id, another customer's cart and an inactive cart with Magento's messages", () => {
    const commerce = setup();
    expect(() => commerce.getCart("nope", {})).toThrow(new NoSuchEntityError('Could not find a cart with ID "%1"', ["nope"]));
    const customerCart = commerce.getCustomerCart(1);
    expect(() => commerce.getCart(customerCart.maskedId, {})).toThrow(AuthorizationError);
    expect(() => commerce.getCart(customerCart.maskedId, {})).toThrow(`The current user cannot perform operations on cart "${customerCart.maskedId}"`);
    const placed = readyGuestCart(commerce);
    commerce.placeOrder(placed, {});
    expect(() => commerce.getCart(placed, {})).toThrow("Current user does not have an active cart.");
  });

  it("merges equal lines, prices configurables by their child and names the options", () => {
    const commerce = setup();
    const { maskedId } = commerce.createGuestCart();
    commerce.addItem(maskedId, {}, { sku: "24-MB01", qty: 1 });
    commerce.addItem(maskedId, {}, { sku: "24-MB01", qty: 2 });
    const hoodie = catalog.getProductBySku("MH01")!;
    const uids = hoodie.configurableOptions!.map((o) => o.values[0]!.uid);
    const { item } = commerce.addItem(maskedId, {}, { sku: "MH01", qty: 1, selectedOptionUids: uids });
    expect(item).toMatchObject({ parentSku: "MH01", productType: "configurable", name: "Chaz Kangeroo Hoodie" });
    expect(item.selectedOptions.map((o) => o.attributeCode)).toEqual(hoodie.configurableOptions!.map((o) => o.attributeCode));
    const byChild = commerce.addItem(maskedId, {}, { sku: item.sku, qty: 1 }).item;
    expect(byChild.id).toBe(item.id);
    const cart = commerce.getCart(maskedId, {});
    expect(cart.items.map((i) => i.qty)).toEqual([3, 2]);
    expect(cart.totals).toMatchObject({ subtotal: 34 * 3 + item.price * 2, itemsQty: 5, itemsCount: 2 });
  });

  it("adds a grouped product as one simple line per chosen child", () => {
    const commerce = setup();
    const { maskedId } = commerce.createGuestCart();
    const grouped = catalog.getProductBySku("24-WG085_Group")!;
    const [first, second] = grouped.groupedItems!.map((i) => i.productId);
    const uid = Buffer.from(`grouped/${first}/2`).toString("base64");
    commerce.addItem(maskedId, {}, { sku: grouped.sku, qty: 1, selectedOptionUids: [uid], groupedQuantities: [{ productId: second!, qty: 1 }] });
    const cart = commerce.getCart(maskedId, {});
    expect(cart.items.map((i) => [i.productId, i.qty, i.productType])).toEqual([[first, 2, "simple"], [second, 1, "simple"]]);
    expect(() => commerce.addItem(maskedId, {}, { sku: grouped.sku, qty: 1 })).toThrow("Please specify the quantity of product(s).");
  });

  it("reports per-line failures as addProductsToCart user errors", () => {
    const commerce = setup();
    const { maskedId } = commerce.createGuestCart();
    const { errors, cart } = commerce.addItems(maskedId, {}, [
      { sku: "NOPE", qty: 1 },
      { sku: "MH01", qty: 1 },
      { sku: "24-MB01", qty: 1, selectedOptionUids: [] },
      { sku: "MH01", qty: 1, selectedOptionUids: ["bad!"] },
    ]);
    expect(errors).toEqual([
      { code: "PRODUCT_NOT_FOUND", message: 'Could not find a product with SKU "NOPE"' },
      { code: "REQUIRED_PARAMETER_MISSING", message: "You need to choose options for your item." },
      { code: "INVALID_PARAMETER_VALUE", message: 'Value of uid "bad!" is incorrect.' },
    ]);
    expect(cart.items).toHaveLength(1);
  });
});

describe("shipping, tax and orders", () => {
  it.each([
    [michigan, 5.61],
    [texas, 0],
  ])("taxes the subtotal by the sample tax rule (%#)", (address, tax) => {
    const commerce = setup();
    const maskedId = readyGuestCart(commerce, address);
    expect(commerce.getCart(maskedId, {}).totals).toMatchObject({ subtotal: 68, shipping: 10, tax, grandTotal: 78 + tax });
  });

  it("offers flat rate per item, table rate by subtotal, free shipping from $100", () => {
    const commerce = setup();
    const maskedId = readyGuestCart(commerce);
    expect(commerce.getShippingMethods(maskedId, {}).map((m) => [m.carrierCode, m.amount])).toEqual([["flatrate", 10], ["tablerate", 10]]);
    commerce.updateItemQty(maskedId, {}, commerce.getCart(maskedId, {}).items[0]!.id, 3);
    expect(commerce.getShippingMethods(maskedId, {}).map((m) => [m.carrierCode, m.amount])).toEqual([["flatrate", 15], ["tablerate", 5], ["freeshipping", 0]]);
    expect(commerce.getCart(maskedId, {}).totals.shipping).toBe(15);
  });

  it("estimates shipping for an address without saving it", () => {
    const commerce = setup();
    const { maskedId } = commerce.createGuestCart();
    commerce.addItem(maskedId, {}, { sku: "24-MB01", qty: 1 });
    const alaska: Address = { ...michigan, regionCode: "AK" };
    expect(commerce.estimateShippingMethods(maskedId, {}, alaska).find((m) => m.carrierCode === "tablerate")?.amount).toBe(20);
    expect(commerce.getCart(maskedId, {}).shippingAddress).toBeUndefined();
  });

  it("numbers orders from 000000001 and refuses an order with what is missing named", () => {
    const commerce = setup();
    const first = commerce.placeOrder(readyGuestCart(commerce), {});
    const second = commerce.placeOrder(readyGuestCart(commerce), {});
    expect([first.incrementId, second.incrementId]).toEqual(["000000001", "000000002"]);
    expect(first).toMatchObject({ status: "pending", state: "new", email: "guest@example.com", isGuest: true });
    const { maskedId } = commerce.createGuestCart();
    commerce.addItem(maskedId, {}, { sku: "24-MB01", qty: 1 });
    expect(() => commerce.placeOrder(maskedId, {})).toThrow("Guest email for cart is missing.");
    commerce.setGuestEmail(maskedId, {}, "a@example.com");
    expect(() => commerce.placeOrder(maskedId, {})).toThrow("Unable to place order: Please check the shipping address information.");
  });
});

describe("customers, tokens and sign-in merge", () => {
  it("signs the seeded Luma customer in and refuses a wrong password", () => {
    const commerce = setup();
    expect(commerce.authenticate("roni_cost@example.com", "Test1234!")).toMatchObject({ firstname: "Veronica", lastname: "Costello", groupId: 1 });
    expect(() => commerce.authenticate("roni_cost@example.com", "nope")).toThrow(AuthenticationError);
    expect(() => commerce.createCustomer({ email: "roni_cost@example.com", password: "x", firstname: "A", lastname: "B" })).toThrow(AlreadyExistsError);
  });

  it("expires customer tokens after an hour and revokes them", () => {
    let now = Date.parse("2026-11-28T12:00:00Z");
    const commerce = setup(() => now);
    const { token, customerId } = commerce.createCustomerToken("roni_cost@example.com", "Test1234!");
    expect(commerce.resolveCustomerToken(token)).toBe(customerId);
    expect(commerce.resolveCustomerToken(`${token}x`)).toBeUndefined();
    expect(commerce.isAdminToken(token)).toBe(false);
    now += 3601_000;
    expect(commerce.resolveCustomerToken(token)).toBeUndefined();
    const fresh = commerce.createCustomerToken("roni_cost@example.com", "Test1234!").token;
    commerce.revokeCustomerTokens(customerId);
    expect(commerce.resolveCustomerToken(fresh)).toBeUndefined();
    expect(commerce.resolveCustomerToken(commerce.createCustomerToken("roni_cost@example.com", "Test1234!").token)).toBe(customerId);
  });

  it("merges the guest quote into the customer's active quote and deactivates it", () => {
    const commerce = setup();
    const customerCart = commerce.getCustomerCart(1);
    commerce.addItem(customerCart.maskedId, { customerId: 1 }, { sku: "24-MB01", qty: 1 });
    const guest = commerce.createGuestCart();
    commerce.addItem(guest.maskedId, {}, { sku: "24-MB01", qty: 2 });
    commerce.addItem(guest.maskedId, {}, { sku: "24-MB04", qty: 1 });
    const merged = commerce.mergeCarts(guest.maskedId, 1);
    expect(merged.maskedId).toBe(customerCart.maskedId);
    expect(merged.items.map((i) => [i.sku, i.qty])).toEqual([["24-MB01", 3], ["24-MB04", 1]]);
    expect(commerce.findCart(guest.maskedId)?.isActive).toBe(false);
    expect(commerce.getCustomerCart(1).maskedId).toBe(customerCart.maskedId);
  });

  it("issues admin tokens only for admin/admin123", () => {
    const commerce = setup();
    expect(commerce.isAdminToken(commerce.createAdminToken("admin", "admin123"))).toBe(true);
    expect(() => commerce.createAdminToken("admin", "wrong")).toThrow(AuthenticationError);
  });
});
