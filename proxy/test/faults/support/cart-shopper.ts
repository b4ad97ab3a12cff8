// A sandbox shopper with a cart, through the proxy: a session (PHPSESSID) and Magento's form_key come
// from a first legacy page, an item goes into the cart with the storefront's own add-to-cart POST, and the
// cart is read back from the `cart` customer section, as Luma's mini-cart reads it.
import { expect } from "vitest";
import type { ShopResult } from "./load.ts";

export const CART_SECTION = "/customer/section/load/?sections=cart";

export interface CartState {
  summaryCount: number;
  maskedQuoteId: string | undefined;
}

export interface CartShopper {
  /** The Cookie header the shopper's browser sends. */
  cookieHeader(): string;
  readCart(shopUrl: string): Promise<CartState>;
}

/** Opens a session through `shopUrl` and adds `qty` of product 1 (Joust Duffle Bag) to the cart. */
export async function startCartShopper(shopUrl: string, qty: number): Promise<CartShopper> {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      cookies.set(pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1));
    }
    return response;
  };
  const shopper: CartShopper = {
    cookieHeader,
    async readCart(url) {
      const response = await send(`${url}${CART_SECTION}`);
      const { cart } = (await response.json()) as { cart: { summary_count: number; masked_quote_id?: string } };
      return { summaryCount: cart.summary_count, maskedQuoteId: cart.masked_quote_id };
    },
  };
  await shopper.readCart(shopUrl);
  const formKey = cookies.get("form_key");
  if (formKey === undefined) throw new Error("the sandbox set no form_key cookie");
  const added = await send(`${shopUrl}/checkout/cart/add/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ product: "1", qty: String(qty), form_key: formKey }).toString(),
  });
  await added.arrayBuffer();
  if (added.headers.get("location") !== "/checkout/cart/") throw new Error(`add to cart answered ${added.status} ${added.headers.get("location")}`);
  return shopper;
}

/** The item counts the cart section showed in the load's answers (the section JSON starts with it). */
export function cartCountsSeen(results: readonly ShopResult[]): number[] {
  return results.filter((result) => result.path === CART_SECTION && result.answer !== undefined)
    .map((result) => Number(/"summary_count":(\d+)/.exec(result.answer!.body)?.[1] ?? Number.NaN));
}

/** The cart as it was: in every cart section the load read during the run, and read again now. */
export async function expectCartIntact(shopper: CartShopper, shopUrl: string, before: CartState, results: readonly ShopResult[]): Promise<void> {
  const seen = cartCountsSeen(results);
  expect(seen.length).toBeGreaterThan(0);
  expect(new Set(seen)).toEqual(new Set([before.summaryCount]));
  expect(await shopper.readCart(shopUrl)).toEqual(before);
}
