import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Commerce, SessionMessage, StorefrontSession } from "../commerce/types.ts";
import { deleteCookie, readCookies, setCookie } from "./cookies.ts";
import { DEFAULT_STORE_CURRENCIES } from "../store-views.ts";

/**
 * Magento's per-request session work: PHPSESSID, the form_key cookie (a cookie value wins, as
 * PageCache's RegisterFormKeyFromCookie plugin does), private_content_version rotated on every
 * POST (PageCache\Version), and X-Magento-Vary for a non-default HTTP context (signed in).
 */
export const sessionCookieLifetime = 3600;
const versionCookieLifetime = 315360000;

export function getSession(res: Response): StorefrontSession {
  return res.locals.session as StorefrontSession;
}

export function addMessage(res: Response, type: SessionMessage["type"], text: string): void {
  getSession(res).messages.push({ type, text });
}

/** The deployment's crypt key (app/etc/env.php `crypt/key`) unless SANDBOX_CRYPT_KEY says otherwise. */
export const DEFAULT_CRYPT_KEY = "8f2b1c7e9d0a4e6b3c5d7f9a1b2c4d6e";

/** The HTTP context values that differ from their defaults (Magento\Framework\App\Http\Context). */
export interface VaryContext {
  /** current_currency, set when it is not the store's default display currency. */
  currency?: string;
  /** customer_group and customer_logged_in, set for a signed-in shopper. */
  customerGroupId?: number;
}

/** X-Magento-Vary for a context; undefined when every value is its default (no cookie). */
export type VaryHasher = (context: VaryContext) => string | undefined;

/**
 * What Magento 2.4.7+ sets as X-Magento-Vary (Framework\App\Http\Context::getVaryString): sha256 of the
 * ksorted non-default context as JSON (`current_currency` after a currency switch; `customer_group` and
 * `customer_logged_in` for a signed-in shopper), then "|" and the deployment's crypt key, so nobody
 * without the key can forge or read it.
 */
export function createVaryHasher(cryptKey: string): VaryHasher {
  return (context) => {
    const data: Record<string, string | boolean> = {};
    if (context.currency !== undefined) data.current_currency = context.currency;
    if (context.customerGroupId !== undefined) {
      data.customer_group = String(context.customerGroupId);
      data.customer_logged_in = true;
    }
    const keys = Object.keys(data).sort();
    if (keys.length === 0) return undefined;
    const sorted = Object.fromEntries(keys.map((key) => [key, data[key]]));
    return createHash("sha256").update(`${JSON.stringify(sorted)}|${cryptKey}`).digest("hex");
  };
}

export function applyVary(req: Request, res: Response, commerce: Commerce, varyFor: VaryHasher): void {
  const session = getSession(res);
  const current = readCookies(req)["X-Magento-Vary"];
  const customer = session.customerId ? commerce.getCustomer(session.customerId) : undefined;
  const switched = session.currencyCode !== undefined && session.currencyCode !== DEFAULT_STORE_CURRENCIES.displayCurrency.code;
  const vary = varyFor({
    ...(switched ? { currency: session.currencyCode } : {}),
    ...(customer ? { customerGroupId: customer.groupId } : {}),
  });
  if (vary !== undefined) {
    if (current !== vary) setCookie(req, res, "X-Magento-Vary", vary, { httpOnly: true, maxAge: sessionCookieLifetime });
  } else if (current !== undefined) {
    deleteCookie(req, res, "X-Magento-Vary", true);
  }
}

export function rotatePrivateContentVersion(req: Request, res: Response): void {
  const version = createHash("md5").update(randomBytes(16)).digest("hex");
  setCookie(req, res, "private_content_version", version, { maxAge: versionCookieLifetime });
}

export function createSessionMiddleware(commerce: Commerce, varyFor: VaryHasher) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const cookies = readCookies(req);
    let session = cookies.PHPSESSID ? commerce.sessions.get(cookies.PHPSESSID) : undefined;
    if (!session) {
      session = commerce.sessions.create();
      setCookie(req, res, "PHPSESSID", session.id, { httpOnly: true, maxAge: sessionCookieLifetime });
    }
    res.locals.session = session;
    const cookieKey = cookies.form_key;
    if (cookieKey && /^[A-Za-z0-9]{16}$/.test(cookieKey)) session.formKey = cookieKey;
    else setCookie(req, res, "form_key", session.formKey, { maxAge: sessionCookieLifetime });
    if (req.method === "POST") rotatePrivateContentVersion(req, res);
    applyVary(req, res, commerce, varyFor);
    next();
  };
}

/** Sets PHPSESSID again after the session id changed (sign-in). */
export function resendSessionCookie(req: Request, res: Response): void {
  setCookie(req, res, "PHPSESSID", getSession(res).id, { httpOnly: true, maxAge: sessionCookieLifetime });
}

/**
 * Refuses a POST whose form_key is missing or stale: nothing changes, the shopper goes back
 * where they came from with Magento's CSRF message.
 */
export function requireFormKey(req: Request, res: Response, next: NextFunction): void {
  const sent = (req.body as Record<string, unknown> | undefined)?.form_key;
  if (typeof sent === "string" && sent === getSession(res).formKey) {
    next();
    return;
  }
  addMessage(res, "error", "Invalid Form Key. Please refresh the page.");
  redirectBack(req, res);
}

export function redirectBack(req: Request, res: Response, fallback = "/"): void {
  const referer = req.get("referer");
  let target = fallback;
  if (referer) {
    const url = new URL(referer, `http://${req.get("host") ?? "localhost"}`);
    if (url.host === req.get("host")) target = url.pathname + url.search;
  }
  res.redirect(302, target);
}
