// Carts: never cached (they belong to one shopper). A guest cart is addressed by its masked id;
// with ctx.customerToken the same calls act on the customer's cart.
import type { AddToCartLine, Cart, CartLineUpdate, CartTotalsBreakdown } from "./domain/cart.ts";
import type { RequestContext } from "./domain/context.ts";
import { requirePositiveInt, requireText } from "./arguments.ts";
import { InvalidArgumentError, MagentoInputError, MagentoShapeError } from "./errors.ts";
import {
  addProductsToCartMutation, cartQuery, createGuestCartMutation, customerCartQuery, removeCartItemMutation, updateCartItemsMutation,
} from "./magento/queries/cart.ts";
import { reshapeCart } from "./magento/reshape-cart.ts";
import { reshapeCartTotals } from "./magento/reshape-cart-totals.ts";
import { fillRestPath, restEndpoints } from "./magento/rest-paths.ts";
import type { AreaDeps } from "./read-through.ts";

interface CartPayload {
  cart?: unknown;
  user_errors?: ({ code?: string | null; message?: string | null } | null)[] | null;
}

function requireCart(operation: string, raw: unknown): Cart {
  if (raw == null) throw new MagentoShapeError(operation, "cart", "is null");
  return reshapeCart(raw);
}

function toCartItemInput(line: AddToCartLine, index: number) {
  const quantity = requirePositiveInt(`lines[${index}].quantity`, line.quantity, 1);
  return {
    sku: requireText(`lines[${index}].sku`, line.sku),
    quantity,
    ...(line.parentSku ? { parent_sku: line.parentSku } : {}),
    ...(line.selectedOptions?.length ? { selected_options: line.selectedOptions } : {}),
  };
}


async function createGuestCart(deps: AreaDeps, ctx: RequestContext = {}): Promise<string> {
  const answer = await deps.graphql.request<{ createGuestCart?: { cart?: { id?: string } | null } | null }>(
    "create guest cart", createGuestCartMutation, {}, { ...ctx, customerToken: undefined });
  const id = answer?.data.createGuestCart?.cart?.id;
  if (!id) throw new MagentoShapeError("create guest cart", "createGuestCart.cart.id", "is missing");
  return id;
}

async function getCart(deps: AreaDeps, cartId: string, ctx: RequestContext = {}): Promise<Cart | undefined> {
  const answer = await deps.graphql.request<{ cart?: unknown }>("cart", cartQuery, { cartId: requireText("cartId", cartId) }, ctx, { allowMissing: true });
  return answer?.data.cart == null ? undefined : reshapeCart(answer.data.cart);
}

async function getCustomerCart(deps: AreaDeps, ctx: RequestContext & { customerToken: string }): Promise<Cart> {
  requireText("ctx.customerToken", ctx.customerToken);
  const answer = await deps.graphql.request<{ customerCart?: unknown }>("customer cart", customerCartQuery, {}, ctx);
  return requireCart("customer cart", answer?.data.customerCart);
}

async function addToCart(deps: AreaDeps, cartId: string, lines: AddToCartLine[], ctx: RequestContext = {}): Promise<Cart> {
  if (!Array.isArray(lines) || lines.length === 0) throw new InvalidArgumentError("lines", "must be a non-empty array");
  const variables = { cartId: requireText("cartId", cartId), cartItems: lines.map(toCartItemInput) };
  const answer = await deps.graphql.request<{ addProductsToCart?: CartPayload | null }>("add to cart", addProductsToCartMutation, variables, ctx);
  const payload = answer?.data.addProductsToCart;
  const userErrors = (payload?.user_errors ?? []).filter((error) => error != null);
  if (userErrors.length > 0) {
    const category = userErrors[0]?.code ?? "UNDEFINED";
    throw new MagentoInputError("add to cart", category, userErrors.map((error) => error.message ?? String(error.code)), { cause: userErrors });
  }
  return requireCart("add to cart", payload?.cart);
}

async function updateCartItems(deps: AreaDeps, cartId: string, lines: CartLineUpdate[], ctx: RequestContext = {}): Promise<Cart> {
  if (!Array.isArray(lines) || lines.length === 0) throw new InvalidArgumentError("lines", "must be a non-empty array");
  const items = lines.map((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 0) throw new InvalidArgumentError(`lines[${index}].quantity`, "must be an integer ≥ 0 (0 removes the line)");
    return { cart_item_uid: requireText(`lines[${index}].uid`, line.uid), quantity: line.quantity };
  });
  const answer = await deps.graphql.request<{ updateCartItems?: CartPayload | null }>(
    "update cart items", updateCartItemsMutation, { cartId: requireText("cartId", cartId), items }, ctx);
  return requireCart("update cart items", answer?.data.updateCartItems?.cart);
}

async function removeCartItem(deps: AreaDeps, cartId: string, itemUid: string, ctx: RequestContext = {}): Promise<Cart> {
  const variables = { cartId: requireText("cartId", cartId), itemUid: requireText("itemUid", itemUid) };
  const answer = await deps.graphql.request<{ removeItemFromCart?: CartPayload | null }>("remove cart item", removeCartItemMutation, variables, ctx);
  return requireCart("remove cart item", answer?.data.removeItemFromCart?.cart);
}

// GraphQL's cart prices lack shipping; REST totals have the full checkout breakdown.
async function getCartTotals(deps: AreaDeps, cartId: string, ctx: RequestContext = {}): Promise<CartTotalsBreakdown | undefined> {
  const path = ctx.customerToken
    ? fillRestPath(restEndpoints.customerCartTotals.path)
    : fillRestPath(restEndpoints.guestCartTotals.path, { cartId: requireText("cartId", cartId) });
  try {
    return reshapeCartTotals(await deps.rest.get("cart totals", path, ctx));
  } catch (error) {
    if (error instanceof MagentoInputError && error.category === "http-404") return undefined;
    throw error;
  }
}

export function createCartArea(deps: AreaDeps) {
  return {
    createGuestCart: (ctx?: RequestContext) => createGuestCart(deps, ctx),
    getCart: (cartId: string, ctx?: RequestContext) => getCart(deps, cartId, ctx),
    getCartTotals: (cartId: string, ctx?: RequestContext) => getCartTotals(deps, cartId, ctx),
    getCustomerCart: (ctx: RequestContext & { customerToken: string }) => getCustomerCart(deps, ctx),
    addToCart: (cartId: string, lines: AddToCartLine[], ctx?: RequestContext) => addToCart(deps, cartId, lines, ctx),
    updateCartItems: (cartId: string, lines: CartLineUpdate[], ctx?: RequestContext) => updateCartItems(deps, cartId, lines, ctx),
    removeCartItem: (cartId: string, itemUid: string, ctx?: RequestContext) => removeCartItem(deps, cartId, itemUid, ctx),
  };
}
