import { InputError } from "./errors.ts";
import type { Cart, Customer, Order } from "./types.ts";

/**
 * Order placement (quote → sales order) and the order book. Increment ids count from
 * "000000001" as a fresh Magento store's default sequence; the quote is deactivated.
 */
export interface OrderBook {
  place(cart: Cart, customer: Customer | undefined): Order;
  get(id: number): Order | undefined;
  getByIncrementId(incrementId: string): Order | undefined;
  list(): Order[];
}

function checkPlaceable(cart: Cart, customer: Customer | undefined): void {
  const fail = (reason: string, code = "UNABLE_TO_PLACE_ORDER"): never => {
    throw new InputError("Unable to place order: %1", [reason], code);
  };
  if (cart.items.length === 0) fail("A server error stopped your order from being placed. Please try to place your order again");
  if (!customer && !cart.email) throw new InputError("Guest email for cart is missing.", undefined, "GUEST_EMAIL_MISSING");
  const virtual = cart.items.every((i) => i.productType === "virtual" || i.productType === "downloadable");
  if (!virtual && !cart.shippingAddress) fail("Please check the shipping address information.");
  if (!virtual && !cart.shippingMethod) fail("The shipping method is missing. Select the shipping method and try again.");
  if (!cart.billingAddress) fail("Please check the billing address information.");
  if (!cart.paymentMethod) fail("Enter a valid payment method and try again.");
}

export function createOrderBook(now: () => number): OrderBook {
  const orders: Order[] = [];
  let nextItemId = 1;

  return {
    place(cart, customer) {
      checkPlaceable(cart, customer);
      const billing = cart.billingAddress!;
      const order: Order = {
        id: orders.length + 1,
        incrementId: String(orders.length + 1).padStart(9, "0"),
        quoteId: cart.id,
        customerId: customer?.id,
        isGuest: !customer,
        email: customer?.email ?? cart.email ?? "",
        firstname: customer?.firstname ?? billing.firstname,
        lastname: customer?.lastname ?? billing.lastname,
        items: cart.items.map((item) => ({
          id: nextItemId++,
          sku: item.sku,
          parentSku: item.parentSku,
          productId: item.productId,
          name: item.name,
          productType: item.productType,
          qtyOrdered: item.qty,
          price: item.price,
          rowTotal: item.rowTotal,
          selectedOptions: item.selectedOptions,
          ...(item.bundleSelections ? { bundleSelections: item.bundleSelections } : {}),
        })),
        totals: { ...cart.totals },
        state: "new",
        status: "pending",
        shippingAddress: cart.shippingAddress,
        billingAddress: billing,
        shippingMethod: cart.shippingMethod,
        paymentMethod: cart.paymentMethod!,
        createdAt: new Date(now()).toISOString(),
      };
      orders.push(order);
      cart.isActive = false;
      cart.reservedOrderId = order.incrementId;
      return order;
    },
    get: (id) => orders.find((o) => o.id === id),
    getByIncrementId: (incrementId) => orders.find((o) => o.incrementId === incrementId),
    list: () => [...orders],
  };
}
