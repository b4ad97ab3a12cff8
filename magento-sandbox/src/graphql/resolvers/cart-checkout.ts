import type { ResolverMap, GraphQlContext } from "../context.ts";
import type { Address } from "../../commerce/index.ts";
import { AuthorizationError, CommerceError, NoSuchEntityError, messages } from "../../commerce/index.ts";
import { GraphQlInputError } from "../../errors.ts";
import { toCartView } from "./cart-view.ts";
import { toOrderView } from "./order-view.ts";
import { readCartAddressInput } from "./address-view.ts";
import { readInput, requireString } from "./viewer-guards.ts";

/** The checkout steps of docs/commerce-webapi/graphql/tutorials/checkout, delegated to Commerce. */
export const checkoutMutationResolvers: ResolverMap = {
  "Mutation.setGuestEmailOnCart": (_source, args, context) => {
    const input = readInput(args);
    const cart = context.commerce.setGuestEmail(requireString(input.cart_id, "cart_id"), context.viewer, requireString(input.email, "email"));
    return { cart: toCartView(cart, context) };
  },
  "Mutation.setShippingAddressesOnCart": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    const addresses = Array.isArray(input.shipping_addresses) ? (input.shipping_addresses as Record<string, unknown>[]) : [];
    if (addresses.length === 0) throw new GraphQlInputError('Required parameter "shipping_addresses" is missing');
    if (addresses.length > 1) throw new GraphQlInputError("You cannot specify multiple shipping addresses.");
    const address = readAddressChoice(context, addresses[0] ?? {});
    return { cart: toCartView(context.commerce.setShippingAddress(maskedId, context.viewer, address), context) };
  },
  "Mutation.setBillingAddressOnCart": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    const billing = (input.billing_address ?? {}) as Record<string, unknown>;
    const sameAsShipping = billing.same_as_shipping === true || billing.use_for_shipping === true;
    let address: Address | undefined;
    if (billing.address || billing.customer_address_id !== undefined) address = readAddressChoice(context, billing);
    else if (sameAsShipping) address = context.commerce.getCart(maskedId, context.viewer).shippingAddress;
    if (!address) throw new GraphQlInputError('The billing address must contain either "customer_address_id", "address", or "same_as_shipping".');
    let cart = context.commerce.setBillingAddress(maskedId, context.viewer, address, sameAsShipping);
    if (billing.use_for_shipping === true) cart = context.commerce.setShippingAddress(maskedId, context.viewer, address);
    return { cart: toCartView(cart, context) };
  },
  "Mutation.setShippingMethodsOnCart": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    const methods = Array.isArray(input.shipping_methods) ? (input.shipping_methods as Record<string, unknown>[]) : [];
    if (methods.length === 0) throw new GraphQlInputError('Required parameter "shipping_methods" is missing');
    if (methods.length > 1) throw new GraphQlInputError("You cannot specify multiple shipping methods.");
    const method = methods[0] ?? {};
    const cart = context.commerce.setShippingMethod(maskedId, context.viewer, requireString(method.carrier_code, "carrier_code"), requireString(method.method_code, "method_code"));
    return { cart: toCartView(cart, context) };
  },
  "Mutation.setPaymentMethodOnCart": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    const code = requireString((input.payment_method as { code?: unknown } | undefined)?.code, "payment_method.code");
    return { cart: toCartView(context.commerce.setPaymentMethod(maskedId, context.viewer, code), context) };
  },
  "Mutation.placeOrder": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    try {
      const order = context.commerce.placeOrder(maskedId, context.viewer);
      return { order: { order_number: order.incrementId, order_id: order.incrementId }, orderV2: toOrderView(order, context), errors: [] };
    } catch (error) {
      if (!(error instanceof CommerceError) || error instanceof AuthorizationError) throw error;
      return { order: null, orderV2: null, errors: [{ code: toPlaceOrderCode(error), message: error.message }] };
    }
  },
};

/** PlaceOrderErrorCodes from the failure Commerce reported. */
function toPlaceOrderCode(error: CommerceError): string {
  if (error.template === messages.cartInactive) return "CART_NOT_ACTIVE";
  if (error instanceof NoSuchEntityError) return "CART_NOT_FOUND";
  if (/email/i.test(error.message)) return "GUEST_EMAIL_MISSING";
  return "UNABLE_TO_PLACE_ORDER";
}

/** `{ address }` or a saved `customer_address_id` (1-based position in the address book). */
function readAddressChoice(context: GraphQlContext, choice: Record<string, unknown>): Address {
  if (typeof choice.customer_address_id === "number") {
    const customer = context.viewer.customerId !== undefined ? context.commerce.getCustomer(context.viewer.customerId) : undefined;
    const address = customer?.addresses[choice.customer_address_id - 1];
    if (!address) throw new GraphQlInputError(`Could not find a address with ID "${choice.customer_address_id}"`);
    return address;
  }
  if (typeof choice.address !== "object" || choice.address === null) throw new GraphQlInputError('Required parameter "address" is missing');
  return readCartAddressInput(choice.address as Record<string, unknown>);
}
