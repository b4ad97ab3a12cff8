// Which Magento store view a request renders, and that view's public URL. The store comes from the
// `Store` header (the proxy sets it when the Host chose the store) or the `store` cookie (Magento's store
// switcher), and only if STORE_CODES lists it: a shopper can never mint another cached page variant.
// Pages learn it from their route segment (ISR: the store is part of Next's cache key) or, when rendered
// per request, from the request itself; the server components below read it from a per-render scope.
import { cache } from "react";
import type { FrontendConfig } from "./config.ts";
import { getFrontendConfig } from "./config.ts";
import { toStoreHref } from "./public-url.ts";
import { GUEST, parseScopeSegment, type ShopperContext } from "./shopper-context.ts";

export interface StoreView {
  code: string;
  /** The store's public base URL, no trailing slash: canonicals, redirects, JSON-LD. */
  publicUrl: string;
  /** What the page's own links start with (public-url.ts toStoreHref): "" on the shop's URL, else publicUrl. */
  linkBase: string;
}

export interface PickedStore {
  code: string;
  /** The path without its store code prefix (`/fr/x.html` → `/x.html`); the path itself otherwise. */
  path: string;
}

/**
 * The request's store, in the proxy's order: a known `Store` header, a known store code path prefix
 * (Magento's "Add Store Code to URLs"; taken off the path either way), a known `store` cookie, the
 * default store.
 */
export function pickStore(header: string | null | undefined, cookie: string | undefined, path: string, config: FrontendConfig): PickedStore {
  const known = (code: string | null | undefined): code is string => code != null && config.storeCodes.includes(code.trim());
  const prefix = /^\/([^/]+)(?=\/|$)/.exec(path)?.[1];
  const bare = known(prefix) ? path.slice(prefix.length + 1) || "/" : path;
  if (known(header)) return { code: header.trim(), path: bare };
  if (known(prefix)) return { code: prefix, path: bare };
  return { code: known(cookie) ? cookie.trim() : config.storeCode, path };
}

export function toStoreView(code: string, config: FrontendConfig = getFrontendConfig()): StoreView {
  const publicUrl = config.storePublicUrls[code] ?? config.publicUrl;
  return { code, publicUrl, linkBase: publicUrl === config.publicUrl ? "" : publicUrl };
}

// One scope per server render (React's cache is per request): the page sets it before anything reads it.
const renderScope = cache((): { code?: string; shopper?: ShopperContext; customerSession?: string } => ({}));

/**
 * Sets the store, currency and customer group this render is for, from the route's scope segment
 * (shopper-context.ts toScopeSegment); false for a store, currency or group the config does not list.
 */
export function enterStoreView(segment: string): boolean {
  const config = getFrontendConfig();
  const scope = parseScopeSegment(segment);
  if (!scope || !config.storeCodes.includes(scope.store)) return false;
  const { currency, customerGroup } = scope.shopper;
  if (currency !== undefined && !config.currencies.includes(currency)) return false;
  if (customerGroup !== "0" && !config.customerGroups.includes(customerGroup)) return false;
  renderScope().code = scope.store;
  renderScope().shopper = scope.shopper;
  return true;
}

/** The signed-in shopper's Magento session (PHPSESSID), for a render of their group's prices (per request only). */
export function enterCustomerSession(sessionId: string): void {
  renderScope().customerSession = sessionId;
}

/** The currency, group and (signed in) session this render prices for; a guest in the display currency by default. */
export function currentShopper(): ShopperContext & { customerSession?: string } {
  const scope = renderScope();
  return { ...(scope.shopper ?? GUEST), ...(scope.customerSession ? { customerSession: scope.customerSession } : {}) };
}

/** The store this render is for (the default store if the page set none). */
export function currentStoreView(): StoreView {
  const config = getFrontendConfig();
  return toStoreView(renderScope().code ?? config.storeCode, config);
}

/** This render's link base; "" while `next build` prerenders the 404 shell (there is no config then). */
export function currentLinkBase(): string {
  return process.env.NEXT_PHASE === "phase-production-build" ? "" : currentStoreView().linkBase;
}

/** A shop path as a link on this render's store view (toStoreHref): keeps the store's prefix or host. */
export function storeHref(path: string): string {
  return toStoreHref(path, currentLinkBase());
}
