import type { ResolverMap } from "../context.ts";
import type { AddItemInput } from "../../commerce/index.ts";
import { GraphQlInputError } from "../../errors.ts";
import { toCartView } from "./cart-view.ts";
import { readInput, requireString } from "./viewer-guards.ts";

/**
 * The deprecated add-to-cart mutations older storefronts (Venia < 12, Vue Storefront 1) still
 * send. Unlike addProductsToCart they have no user_errors: a bad line is a GraphQL error.
 */
export const legacyCartResolvers: ResolverMap = {
  "Mutation.addSimpleProductsToCart": (_source, args, context) => addLegacyItems(args, context, (item) => readData(item)),
  "Mutation.addConfigurableProductsToCart": (_source, args, context) => addLegacyItems(args, context, (item) => {
    const data = readData(item);
    const parentSku = typeof item.parent_sku === "string" ? item.parent_sku : undefined;
    return parentSku ? { ...data, parentSku } : data;
  }),
};

function addLegacyItems(args: Record<string, unknown>, context: Parameters<ResolverMap[string]>[2], read: (item: Record<string, unknown>) => AddItemInput) {
  const input = readInput(args);
  const maskedId = requireString(input.cart_id, "cart_id");
  const items = Array.isArray(input.cart_items) ? (input.cart_items as Record<string, unknown>[]).map(read) : [];
  if (items.length === 0) throw new GraphQlInputError('Required parameter "cart_items" is missing');
  const { cart, errors } = context.commerce.addItems(maskedId, context.viewer, items);
  if (errors[0]) throw new GraphQlInputError(errors[0].message);
  return { cart: toCartView(cart, context) };
}

function readData(item: Record<string, unknown>): AddItemInput {
  const data = (item.data ?? {}) as Record<string, unknown>;
  return { sku: requireString(data.sku, "sku"), qty: Number(data.quantity) };
}
