import type { Request, Response } from "express";
import type { Catalog } from "../catalog/types.ts";
import type { Cart, Commerce, StorefrontSession, Viewer } from "../commerce/types.ts";
import { setCookie } from "./cookies.ts";
import { setNoCacheHeaders, setPublicHeaders } from "./cache-headers.ts";
import { renderPage, type PageView } from "./layout.ts";
import { priceCatalog, readShopperContext, type PricedCatalog } from "./shopper-pricing.ts";
import { createVaryHasher, DEFAULT_CRYPT_KEY, getSession, type VaryHasher } from "./session.ts";

/**
 * What every storefront handler needs: the store, the base URL Magento believes it has, the
 * session's quote, and the two ways to send a page (public and cacheable, or private).
 */
export interface StorefrontOptions {
  /** Public base URL (canonical links), or a function giving it; default: from the Host header. */
  baseUrl?: string | (() => string);
  /** The deployment's crypt key, which salts X-Magento-Vary; default DEFAULT_CRYPT_KEY. */
  cryptKey?: string;
}

export interface Storefront {
  catalog: Catalog;
  commerce: Commerce;
  baseUrl(req: Request): string;
  /** X-Magento-Vary for a signed-in shopper of that group. */
  varyFor: VaryHasher;
  /** The session's active quote, if it has one. */
  findCart(session: StorefrontSession): Cart | undefined;
  /** The session's active quote, created (guest) when missing. */
  ensureCart(session: StorefrontSession): Cart;
  viewer(session: StorefrontSession): Viewer;
  /** The catalog priced for this response's shopper: their customer group, their session's currency. */
  shopperCatalog(res: Response): PricedCatalog;
  sendPublic(req: Request, res: Response, view: PageView, tags: string[], status?: number): void;
  sendPrivate(req: Request, res: Response, view: PageView, status?: number): void;
}

export function createStorefront(catalog: Catalog, commerce: Commerce, options: StorefrontOptions): Storefront {
  const configured = options.baseUrl;
  const baseUrl = (req: Request): string => {
    const base = typeof configured === "function" ? configured() : configured;
    return base ? base.replace(/\/?$/, "/") : `${req.protocol}://${req.get("host")}/`;
  };
  const findCart = (session: StorefrontSession): Cart | undefined => {
    if (session.customerId !== undefined) {
      const cart = commerce.getCustomerCart(session.customerId);
      session.cartMaskedId = cart.maskedId;
      return cart;
    }
    const cart = session.cartMaskedId ? commerce.findCart(session.cartMaskedId) : undefined;
    return cart?.isActive ? cart : undefined;
  };

  return {
    catalog,
    commerce,
    baseUrl,
    varyFor: createVaryHasher(options.cryptKey ?? DEFAULT_CRYPT_KEY),
    findCart,
    ensureCart(session) {
      const existing = findCart(session);
      if (existing) return existing;
      const cart = commerce.createGuestCart();
      session.cartMaskedId = cart.maskedId;
      return cart;
    },
    shopperCatalog: (res) => priceCatalog(catalog, readShopperContext(res, commerce)),
    viewer: (session) => (session.customerId !== undefined ? { customerId: session.customerId } : {}),
    sendPublic(req, res, view, tags, status = 200) {
      const session = getSession(res);
      // Cacheable pages carry no per-user markup: messages travel in Magento's mage-messages cookie.
      if (session.messages.length > 0) {
        setCookie(req, res, "mage-messages", JSON.stringify(session.messages), { maxAge: 31536000 });
        session.messages = [];
      }
      setPublicHeaders(res, tags);
      res.status(status).type("html").send(renderPage({ catalog, baseUrl: baseUrl(req), messages: [] }, view));
    },
    sendPrivate(req, res, view, status = 200) {
      const session = getSession(res);
      const messages = session.messages;
      session.messages = [];
      const customer = session.customerId !== undefined ? commerce.getCustomer(session.customerId) : undefined;
      const chrome = {
        catalog,
        baseUrl: baseUrl(req),
        messages,
        cartCount: findCart(session)?.totals.itemsQty ?? 0,
        customerName: customer ? `${customer.firstname} ${customer.lastname}` : undefined,
      };
      setNoCacheHeaders(res);
      res.status(status).type("html").send(renderPage(chrome, view));
    },
  };
}
