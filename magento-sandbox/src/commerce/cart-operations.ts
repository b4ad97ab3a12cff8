import type { Catalog } from "../catalog/types.ts";
import { isEmail, normalizeAddress } from "./addresses.ts";
import { checkQty, resolveLines } from "./cart-lines.ts";
import type { CustomerRegistry } from "./customers.ts";
import { AuthorizationError, CommerceError, InputError, messages, NoSuchEntityError } from "./errors.ts";
import type { OrderBook } from "./orders.ts";
import type { QuoteStore } from "./quotes.ts";
import { checkmo } from "./totals.ts";
import type { Cart, CartUserError, CartUserErrorCode, Commerce } from "./types.ts";

/** The cart half of `Commerce`: every call resolves the quote for the viewer first. */
export type CartOperations = Pick<
  Commerce,
  | "createGuestCart" | "getCart" | "findCart" | "getCustomerCart" | "addItems" | "addItem" | "updateItemQty"
  | "removeItem" | "setGuestEmail" | "setShippingAddress" | "setBillingAddress" | "getShippingMethods" | "estimateShippingMethods"
  | "setShippingMethod" | "getPaymentMethods" | "setPaymentMethod" | "placeOrder" | "mergeCarts" | "assignGuestCart"
>;

interface Deps {
  catalog: Catalog;
  quotes: QuoteStore;
  orders: OrderBook;
  customers: CustomerRegistry;
}

const snapshot = (cart: Cart): Cart => structuredClone(cart);

export function createCartOperations({ catalog, quotes, orders, customers }: Deps): CartOperations {
  const change = (maskedId: string, viewer: { customerId?: number }, apply: (cart: Cart) => void): Cart => {
    const cart = quotes.getForUser(maskedId, viewer);
    apply(cart);
    return snapshot(quotes.collect(cart));
  };
  const findItem = (cart: Cart, itemId: number) => {
    const item = cart.items.find((i) => i.id === itemId);
    if (!item) throw new NoSuchEntityError(messages.itemNotInCart, [String(cart.id), String(itemId)]);
    return item;
  };
  const customerCart = (customerId: number): Cart => {
    if (!customers.get(customerId)) throw new AuthorizationError("The current customer isn't authorized.");
    return quotes.findActiveForCustomer(customerId) ?? quotes.create(customerId);
  };

  return {
    createGuestCart: (maskedId) => snapshot(quotes.create(undefined, maskedId)),
    getCart: (maskedId, viewer) => snapshot(quotes.getForUser(maskedId, viewer)),
    findCart(maskedId) {
      const cart = quotes.find(maskedId);
      return cart && snapshot(cart);
    },
    getCustomerCart: (customerId) => snapshot(customerCart(customerId)),
    addItems(maskedId, viewer, items) {
      const cart = quotes.getForUser(maskedId, viewer);
      const errors: CartUserError[] = [];
      for (const input of items) {
        try {
          for (const { line, qty } of resolveLines(catalog, input)) quotes.addLine(cart, line, qty);
        } catch (error) {
          errors.push(toUserError(error, input.sku));
        }
      }
      return { cart: snapshot(cart), errors };
    },
    addItem(maskedId, viewer, input) {
      const cart = quotes.getForUser(maskedId, viewer);
      const itemIds = resolveLines(catalog, input).map(({ line, qty }) => quotes.addLine(cart, line, qty));
      return { cart: snapshot(cart), item: structuredClone(findItem(cart, itemIds[0]!)) };
    },
    updateItemQty: (maskedId, viewer, itemId, qty) =>
      change(maskedId, viewer, (cart) => {
        const item = findItem(cart, itemId);
        if (qty === 0) {
          cart.items = cart.items.filter((i) => i !== item);
          return;
        }
        checkQty(qty);
        item.qty = qty;
      }),
    removeItem: (maskedId, viewer, itemId) =>
      change(maskedId, viewer, (cart) => {
        const item = findItem(cart, itemId);
        cart.items = cart.items.filter((i) => i !== item);
      }),
    setGuestEmail: (maskedId, viewer, email) =>
      change(maskedId, viewer, (cart) => {
        if (!isEmail(email)) throw new InputError("Invalid email format");
        if (cart.customerId) throw new InputError("The request is not allowed for logged in customers");
        cart.email = email;
      }),
    setShippingAddress: (maskedId, viewer, address) =>
      change(maskedId, viewer, (cart) => {
        cart.shippingAddress = normalizeAddress(address);
      }),
    setBillingAddress: (maskedId, viewer, address, sameAsShipping) =>
      change(maskedId, viewer, (cart) => {
        cart.billingAddress = normalizeAddress(address);
        if (sameAsShipping) cart.shippingAddress = cart.billingAddress;
      }),
    getShippingMethods(maskedId, viewer) {
      const cart = quotes.getForUser(maskedId, viewer);
      return quotes.shippingMethods(cart);
    },
    estimateShippingMethods(maskedId, viewer, address) {
      const cart = quotes.getForUser(maskedId, viewer);
      return quotes.shippingMethods({ ...cart, shippingAddress: normalizeAddress(address) });
    },
    setShippingMethod: (maskedId, viewer, carrierCode, methodCode) =>
      change(maskedId, viewer, (cart) => {
        if (!cart.shippingAddress) throw new InputError("The shipping address is missing. Set the address and try again.");
        const method = quotes.shippingMethods(cart).find(
          (m) => m.carrierCode === carrierCode && m.methodCode === methodCode,
        );
        if (!method) throw new InputError("Carrier with such method not found: %1, %2", [carrierCode, methodCode]);
        cart.shippingMethod = method;
      }),
    getPaymentMethods(maskedId, viewer) {
      quotes.getForUser(maskedId, viewer);
      return [{ ...checkmo }];
    },
    setPaymentMethod: (maskedId, viewer, code) =>
      change(maskedId, viewer, (cart) => {
        if (code !== checkmo.code) throw new InputError("The requested Payment Method is not available.");
        cart.paymentMethod = { ...checkmo };
      }),
    placeOrder(maskedId, viewer) {
      const cart = quotes.getForUser(maskedId, viewer);
      const customer = cart.customerId ? customers.get(cart.customerId) : undefined;
      return structuredClone(orders.place(cart, customer));
    },
    assignGuestCart(maskedId, customerId) {
      const cart = quotes.getForUser(maskedId, {});
      const customer = customers.get(customerId);
      if (!customer) throw new AuthorizationError("The current customer isn't authorized.");
      if (quotes.findActiveForCustomer(customerId)) {
        throw new InputError("The customer can't be assigned to the cart because the customer already has an active cart.");
      }
      cart.customerId = customerId;
      cart.email = customer.email;
      return snapshot(quotes.collect(cart));
    },
    mergeCarts(sourceMaskedId, customerId, destinationMaskedId) {
      const source = quotes.getForUser(sourceMaskedId, {});
      const destination = destinationMaskedId
        ? quotes.getForUser(destinationMaskedId, { customerId })
        : customerCart(customerId);
      for (const item of source.items) {
        const { id: _id, qty, rowTotal: _rowTotal, ...line } = item;
        quotes.addLine(destination, line, qty);
      }
      source.isActive = false;
      return snapshot(quotes.collect(destination));
    },
  };
}

function toUserError(error: unknown, sku: string): CartUserError {
  if (error instanceof NoSuchEntityError) {
    return { code: "PRODUCT_NOT_FOUND", message: `Could not find a product with SKU "${sku}"` };
  }
  if (error instanceof InputError) return { code: error.userErrorCode as CartUserErrorCode, message: error.message };
  if (error instanceof CommerceError) return { code: "UNDEFINED", message: error.message };
  throw error;
}
