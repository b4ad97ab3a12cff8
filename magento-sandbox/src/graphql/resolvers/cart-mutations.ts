import type { ResolverMap } from "../context.ts";
import type { AddItemInput } from "../../commerce/index.ts";
import { decodeEntityUid } from "../../catalog/uid.ts";
import { GraphQlInputError } from "../../errors.ts";
import { toCartView } from "./cart-view.ts";
import { readInput, requireCustomer, requireString } from "./viewer-guards.ts";

/** Cart lifecycle and lines: all state changes go through Commerce. */
export const cartMutationResolvers: ResolverMap = {
  "Mutation.createGuestCart": (_source, args, context) => {
    if (context.viewer.customerId !== undefined) throw new GraphQlInputError("Use 'Query.customerCart' for logged in customer.");
    const cartUid = (args.input as { cart_uid?: string | null } | undefined | null)?.cart_uid ?? undefined;
    if (cartUid !== undefined && cartUid.length !== 32) throw new GraphQlInputError("Cart ID length should be 32 characters.");
    return { cart: toCartView(context.commerce.createGuestCart(cartUid), context) };
  },
  "Mutation.createEmptyCart": (_source, args, context) => {
    if (context.viewer.customerId !== undefined) return context.commerce.getCustomerCart(context.viewer.customerId).maskedId;
    const cartId = (args.input as { cart_id?: string | null } | undefined | null)?.cart_id ?? undefined;
    if (cartId !== undefined && cartId.length !== 32) throw new GraphQlInputError("Cart ID length should be 32 characters.");
    return context.commerce.createGuestCart(cartId).maskedId;
  },
  "Mutation.addProductsToCart": (_source, args, context) => {
    const maskedId = requireString(args.cartId, "cartId");
    const items = (args.cartItems as Record<string, unknown>[]).map((item): AddItemInput => ({
      sku: String(item.sku), qty: Number(item.quantity),
      ...(typeof item.parent_sku === "string" ? { parentSku: item.parent_sku } : {}),
      ...(Array.isArray(item.selected_options) ? { selectedOptionUids: item.selected_options.filter((u): u is string => typeof u === "string") } : {}),
    }));
    const { cart, errors } = context.commerce.addItems(maskedId, context.viewer, items);
    return {
      cart: toCartView(cart, context),
      user_errors: errors.map((e) => ({ __typename: "CartUserInputError", code: e.code, message: e.message })),
    };
  },
  "Mutation.updateCartItems": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    const lines = Array.isArray(input.cart_items) ? (input.cart_items as Record<string, unknown>[]) : [];
    if (lines.length === 0) throw new GraphQlInputError('Required parameter "cart_items" is missing.');
    let cart = context.commerce.getCart(maskedId, context.viewer);
    for (const line of lines) {
      if (typeof line.quantity !== "number") throw new GraphQlInputError('Required parameter "quantity" for "cart_items" is missing.');
      cart = context.commerce.updateItemQty(maskedId, context.viewer, readItemId(line), line.quantity);
    }
    return { cart: toCartView(cart, context), errors: [] };
  },
  "Mutation.removeItemFromCart": (_source, args, context) => {
    const input = readInput(args);
    const maskedId = requireString(input.cart_id, "cart_id");
    return { cart: toCartView(context.commerce.removeItem(maskedId, context.viewer, readItemId(input)), context) };
  },
  "Mutation.mergeCarts": (_source, args, context) => {
    const customerId = requireCustomer(context);
    const source = requireString(args.source_cart_id, "source_cart_id");
    const destination = typeof args.destination_cart_id === "string" && args.destination_cart_id !== "" ? args.destination_cart_id : undefined;
    return toCartView(context.commerce.mergeCarts(source, customerId, destination), context);
  },
};

/** cart_item_uid (base64 id) or the deprecated numeric cart_item_id. */
function readItemId(input: Record<string, unknown>): number {
  if (typeof input.cart_item_uid === "string") {
    const id = decodeEntityUid(input.cart_item_uid);
    if (id === undefined) throw new GraphQlInputError(`Value of uid "${input.cart_item_uid}" is incorrect.`);
    return id;
  }
  if (typeof input.cart_item_id === "number") return input.cart_item_id;
  throw new GraphQlInputError('Required parameter "cart_item_uid" is missing.');
}
