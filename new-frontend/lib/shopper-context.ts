// What Magento varies a shopper's page by besides the store: the currency they switched to and their
// customer group. Magento names both only in the X-Magento-Vary cookie, the hash of the HTTP context values
// that differ from their defaults (Framework\App\Http\Context::getVaryString: sha256 of the ksorted JSON,
// "|", the crypt key, 2.4.7+). The hashes of every known combination (MAGENTO_CURRENCIES × customer groups,
// plus `store` for a store view other than the default) are computed once per store; reading is a lookup.
// A cookie matching none is never guessed: it reads as undefined and the page is left to legacy.
import { createHash } from "node:crypto";

export interface ShopperContext {
  /** The switched currency; undefined: the store's display currency. */
  currency?: string;
  /** "0" (NOT LOGGED IN) or the signed-in shopper's group id. */
  customerGroup: string;
}

export interface VaryReaderOptions {
  cryptKey?: string;
  customerGroups: readonly string[];
  currencies: readonly string[];
  defaultStore: string;
}

/** The request header proxy.ts sets to the scope segment it settled (overwriting any the request brought). */
export const SCOPE_HEADER = "strangler-scope";

export const GUEST: ShopperContext = { customerGroup: "0" };

export function hashVary(context: Record<string, string | boolean>, cryptKey: string): string | undefined {
  const keys = Object.keys(context).sort();
  if (keys.length === 0) return undefined;
  const sorted = JSON.stringify(Object.fromEntries(keys.map((key) => [key, context[key]])));
  return createHash("sha256").update(`${sorted}|${cryptKey}`).digest("hex");
}

function buildTable(store: string, options: VaryReaderOptions): Map<string, ShopperContext> {
  const table = new Map<string, ShopperContext>();
  if (options.cryptKey === undefined) return table;
  for (const currency of [undefined, ...options.currencies]) {
    for (const group of [undefined, ...options.customerGroups]) {
      const context: Record<string, string | boolean> = {
        ...(currency ? { current_currency: currency } : {}),
        ...(group ? { customer_group: group, customer_logged_in: true } : {}),
        ...(store !== options.defaultStore ? { store } : {}),
      };
      const vary = hashVary(context, options.cryptKey);
      if (vary) table.set(vary, { ...(currency ? { currency } : {}), customerGroup: group ?? "0" });
    }
  }
  return table;
}

/** Reads a store's shopper from X-Magento-Vary: GUEST without the cookie, undefined for one it cannot read. */
export function createVaryReader(options: VaryReaderOptions): (store: string, vary: string | undefined) => ShopperContext | undefined {
  const tables = new Map<string, Map<string, ShopperContext>>();
  return (store, vary) => {
    if (vary === undefined || vary === "") return GUEST;
    let table = tables.get(store);
    if (!table) tables.set(store, (table = buildTable(store, options)));
    return table.get(vary);
  };
}

/**
 * The route segment naming a page's scope: the store code alone for a guest in the display currency (so
 * those pages keep their URLs), else `<store>~<currency or ->~<group>`. Next caches by path, so each
 * scope is its own cached page.
 */
export function toScopeSegment(store: string, shopper: ShopperContext): string {
  if (shopper.currency === undefined && shopper.customerGroup === "0") return store;
  return `${store}~${shopper.currency ?? "-"}~${shopper.customerGroup}`;
}

export function parseScopeSegment(segment: string): { store: string; shopper: ShopperContext } | undefined {
  const decoded = decodeURIComponent(segment);
  const match = /^([a-z][a-z0-9_]*)(?:~([A-Z]{3}|-)~(0|[1-9][0-9]{0,8}))?$/.exec(decoded);
  if (!match?.[1]) return undefined;
  const currency = match[2] && match[2] !== "-" ? match[2] : undefined;
  return { store: match[1], shopper: { ...(currency ? { currency } : {}), customerGroup: match[3] ?? "0" } };
}
