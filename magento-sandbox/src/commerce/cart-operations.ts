import type { Catalog } from "../catalog/types.ts";
import { checkQty, resolveLines } from "./cart-lines.ts";
import type { CustomerRegistry } from "./customers.ts";
import { AuthorizationError, CommerceError, InputError, messages, NoSuchEntityError } from "./errors.ts";
import type { OrderBook } from "./orders.ts";
import type { QuoteStore } from "./quotes.ts";
import type { Cart, CartUserError, CartUserErrorCode, Commerce, Viewer } from "./types.ts";

/** Carts and their lines (checkout steps live in checkout-operations.ts). */
export type CartOperations = Pick<
  Commerce,
  | "createGuestCart" | "getCart" | "findCart" | "getCustomerCart" | "addItems" | "addItem" | "updateItemQty"
  | "removeItem" | "mergeCarts" | "assignGuestCart"
>;

export interface CartDeps {
  catalog: Catalog;
  quotes: QuoteStore;
  orders: OrderBook;
  customers: CustomerRegistry;
}

export const snapshot = (cart: Cart): Cart => structuredClone(cart);

/** Resolves the viewer's quote, applies a change, recollects totals, returns a copy. */
export function createChange(quotes: QuoteStore) {
  return (maskedId: string, viewer: Viewer, apply: (cart: Cart) => void): Cart => {
    const cart = quotes.getForUser(maskedId, viewer);
    apply(cart);
    return snapshot(quotes.collect(cart));
  };
}

export function createCartOperations({ catalog, quotes, customers }: CartDeps): CartOperations {
  const change = createChange(quotes);
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
