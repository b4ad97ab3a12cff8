// Display helpers shared by pages: money as Luma shows it, media URLs made same-origin. Pure.
import type { Money, PriceRange } from "@strangler/adapters";

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: Money): string {
  const currency = /^[A-Z]{3}$/.test(money.currency) ? money.currency : "USD";
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formatters.set(currency, formatter);
  }
  return formatter.format(money.amount);
}

/** A price a shopper can be shown: any finite amount, $0.00 included (Magento shows a free product's $0.00). */
export function hasPrice(price: PriceRange): boolean {
  return Number.isFinite(price.min.final.amount) && price.min.final.amount >= 0;
}

/**
 * Magento static URLs (`…/static/version…/frontend/…`) as same-origin paths: the shopper's browser fetches
 * them from the shop's origin, where the proxy sends them to legacy. Other URLs stay as they are.
 */
export function toSameOriginStaticUrl(url: string): string {
  try {
    const parsed = new URL(url, "http://placeholder.invalid");
    return parsed.pathname.startsWith("/static/") ? `${parsed.pathname}${parsed.search}` : url;
  } catch {
    return url;
  }
}

/**
 * Magento media URLs carry Magento's own base URL; through the proxy the shopper must fetch them from the
 * shop's origin, so `/media/...` becomes a path (the proxy sends it to legacy).
 */
export function toSameOriginMediaUrl(url: string): string {
  try {
    const parsed = new URL(url, "http://placeholder.invalid");
    return parsed.pathname.startsWith("/media/") ? `${parsed.pathname}${parsed.search}` : url;
  } catch {
    return url;
  }
}

/** Magento's placeholder, inlined so it needs no route through the proxy. */
export const placeholderImage =
  "data:image/svg+xml;utf8," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="300" viewBox="0 0 240 300"><rect width="240" height="300" fill="#f0f0f0"/><path d="M80 190l30-40 25 30 15-20 30 30z" fill="#c2c2c2"/><circle cx="150" cy="120" r="14" fill="#c2c2c2"/></svg>');
