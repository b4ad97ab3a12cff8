import { AlreadyExistsError, AuthorizationError, InputError, messages, NoSuchEntityError } from "./errors.ts";
import type { NewLine } from "./cart-lines.ts";
import { computeTotals, listShippingMethods, type TableRate } from "./totals.ts";
import type { Cart, ShippingMethod, Viewer } from "./types.ts";

/**
 * Quote storage and Magento's GetCartForUser rules. Every quote has a masked id (guest carts
 * from creation, customer carts too, as customerCart creates one on demand), so the GraphQL
 * cart_id, the REST guest-carts/{cartId} and the storefront session all name the same quote.
 */
export interface QuoteStore {
  create(customerId?: number, maskedId?: string): Cart;
  find(maskedId: string): Cart | undefined;
  /** The active cart the viewer may use; throws NoSuchEntity / Authorization otherwise. */
  getForUser(maskedId: string, viewer: Viewer): Cart;
  findActiveForCustomer(customerId: number): Cart | undefined;
  /** Adds a line (merging equal lines) and recollects totals; returns the touched line id. */
  addLine(cart: Cart, line: NewLine, qty: number): number;
  /** Shipping methods available for the cart's lines and shipping address. */
  shippingMethods(cart: Cart): ShippingMethod[];
  /** Re-prices shipping and totals after any change, as Magento's collectTotals. */
  collect(cart: Cart): Cart;
}

const maskAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function createQuoteStore(now: () => number, randomBytes: (n: number) => Buffer, rates: TableRate[]): QuoteStore {
  const byMask = new Map<string, Cart>();
  let nextQuoteId = 1;
  let nextItemId = 1;

  const generateMask = (): string => {
    const bytes = randomBytes(32);
    return [...bytes].map((b) => maskAlphabet[b % maskAlphabet.length]).join("");
  };

  const store: QuoteStore = {
    create(customerId, maskedId) {
      if (maskedId !== undefined && maskedId.length !== 32) {
        throw new InputError("Cart ID length should be 32 characters.");
      }
      if (maskedId !== undefined && byMask.has(maskedId)) {
        throw new AlreadyExistsError('Cart with ID "%1" already exists.', [maskedId]);
      }
      const stamp = new Date(now()).toISOString();
      const cart: Cart = {
        id: nextQuoteId++,
        maskedId: maskedId ?? generateMask(),
        customerId,
        isActive: true,
        items: [],
        totals: computeTotals([]),
        createdAt: stamp,
        updatedAt: stamp,
      };
      byMask.set(cart.maskedId, cart);
      return cart;
    },
    find: (maskedId) => byMask.get(maskedId),
    getForUser(maskedId, viewer) {
      const cart = byMask.get(maskedId);
      if (!cart) throw new NoSuchEntityError(messages.cartNotFound, [maskedId]);
      if (!cart.isActive) throw new NoSuchEntityError(messages.cartInactive);
      if ((cart.customerId ?? 0) !== (viewer.customerId ?? 0)) {
        throw new AuthorizationError(messages.cartForbidden, [maskedId]);
      }
      return cart;
    },
    findActiveForCustomer: (customerId) =>
      [...byMask.values()].find((c) => c.customerId === customerId && c.isActive),
    addLine(cart, line, qty) {
      const same = cart.items.find((i) => i.sku === line.sku && i.productId === line.productId);
      if (same) {
        same.qty += qty;
      } else {
        cart.items.push({ ...line, id: nextItemId++, qty, rowTotal: 0 });
      }
      store.collect(cart);
      return same?.id ?? nextItemId - 1;
    },
    shippingMethods: (cart) => listShippingMethods(rates, cart.items, cart.shippingAddress),
    collect(cart) {
      for (const item of cart.items) item.rowTotal = Math.round(item.price * item.qty * 100) / 100;
      if (cart.shippingMethod) {
        const { carrierCode, methodCode } = cart.shippingMethod;
        const available = store.shippingMethods(cart);
        cart.shippingMethod = available.find((m) => m.carrierCode === carrierCode && m.methodCode === methodCode);
      }
      const taxAddress = cart.shippingAddress ?? cart.billingAddress;
      cart.totals = computeTotals(cart.items, cart.shippingMethod, taxAddress);
      cart.updatedAt = new Date(now()).toISOString();
      return cart;
    },
  };
  return store;
}
