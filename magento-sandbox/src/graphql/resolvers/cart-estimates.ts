import type { ResolverMap } from "../context.ts";
import type { Destination } from "../../commerce/types.ts";
import { GraphQlInputError } from "../../errors.ts";
import { toCartView, toShippingMethodView } from "./cart-view.ts";
import { readInput, requireString } from "./viewer-guards.ts";

/**
 * estimateShippingMethods / estimateTotals (2.4.7+): the cart priced for a destination and an
 * optional shipping method, as a cart page's "Estimate Shipping and Tax" box shows it. Nothing
 * is saved on the quote.
 */
export const cartEstimateResolvers: ResolverMap = {
  "Mutation.estimateShippingMethods": (_source, args, context) => {
    const input = readInput(args);
    const { shippingMethods } = context.commerce.estimateTotals(requireString(input.cart_id, "cart_id"), context.viewer, readDestination(input.address));
    return shippingMethods.map((m) => ({ ...toShippingMethodView(m), available: true, error_message: "" }));
  },
  "Mutation.estimateTotals": (_source, args, context) => {
    const input = readInput(args);
    const method = input.shipping_method as { carrier_code?: unknown; method_code?: unknown } | null | undefined;
    const { cart } = context.commerce.estimateTotals(
      requireString(input.cart_id, "cart_id"), context.viewer, readDestination(input.address),
      method ? { carrierCode: requireString(method.carrier_code, "carrier_code"), methodCode: requireString(method.method_code, "method_code") } : undefined,
    );
    return { cart: toCartView(cart, context) };
  },
};

function readDestination(raw: unknown): Destination {
  const address = (raw ?? {}) as { country_code?: unknown; postcode?: unknown; region?: { region?: unknown; region_code?: unknown; region_id?: unknown } | null };
  if (typeof address.country_code !== "string") throw new GraphQlInputError('Required parameter "country_code" is missing');
  const region = address.region ?? {};
  return {
    countryId: address.country_code,
    ...(typeof address.postcode === "string" ? { postcode: address.postcode } : {}),
    ...(typeof region.region === "string" ? { region: region.region } : {}),
    ...(typeof region.region_code === "string" ? { regionCode: region.region_code } : {}),
    ...(typeof region.region_id === "number" ? { regionId: region.region_id } : {}),
  };
}
