import { isEmail, normalizeAddress, toEstimateAddress } from "./addresses.ts";
import { createChange, type CartDeps } from "./cart-operations.ts";
import { InputError } from "./errors.ts";
import { checkmo } from "./totals.ts";
import type { Commerce } from "./types.ts";

/** Checkout steps on a quote: guest email, addresses, shipping, payment, order placement. */
export type CheckoutOperations = Pick<
  Commerce,
  | "setGuestEmail" | "setShippingAddress" | "setBillingAddress" | "getShippingMethods" | "estimateShippingMethods" | "estimateTotals"
  | "setShippingMethod" | "getPaymentMethods" | "setPaymentMethod" | "placeOrder"
>;

export function createCheckoutOperations({ quotes, orders, customers }: CartDeps): CheckoutOperations {
  const change = createChange(quotes);
  return {
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
    estimateTotals(maskedId, viewer, destination, method) {
      // A copy: an estimate must not change the shopper's quote.
      const cart = structuredClone(quotes.getForUser(maskedId, viewer));
      cart.shippingAddress = toEstimateAddress(destination);
      const shippingMethods = quotes.shippingMethods(cart);
      cart.shippingMethod = method ? shippingMethods.find((m) => m.carrierCode === method.carrierCode && m.methodCode === method.methodCode) : undefined;
      return { cart: quotes.collect(cart), shippingMethods };
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
  };
}
