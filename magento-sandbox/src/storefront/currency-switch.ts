// Luma's currency switcher (Magento\Directory\Controller\Currency\SwitchAction): a POST with `currency`
// and the form key. An allowed code goes into the session (Store::setCurrentCurrencyCode), which puts
// `current_currency` into the HTTP context, so X-Magento-Vary changes and the full-page cache serves the
// shopper pages in that currency. An unknown code changes nothing. The shopper goes back where they came
// from (the `uenc` parameter, else the Referer on this host, else the home page), as _redirect does.
import type { Request, Response, Router } from "express";
import type { Storefront } from "./context.ts";
import { applyVary, getSession, redirectBack, requireFormKey } from "./session.ts";
import { DEFAULT_STORE_CURRENCIES } from "../store-views.ts";

const paths = ["/directory/currency/switch", "/directory/currency/switch/"];

function switchCurrency(sf: Storefront, req: Request, res: Response): void {
  const body = req.body as Record<string, unknown> | undefined;
  const code = typeof body?.currency === "string" ? body.currency.trim().toUpperCase() : "";
  if (DEFAULT_STORE_CURRENCIES.allowedCurrencies.some((c) => c.code === code)) {
    getSession(res).currencyCode = code;
    applyVary(req, res, sf.commerce, sf.varyFor);
  }
  const back = decodeUenc(body?.uenc);
  if (back) res.redirect(302, back);
  else redirectBack(req, res);
}

/** Magento's `uenc`: the return URL in URL-safe base64 (`,` for `=`); only a path on this shop is kept. */
function decodeUenc(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return undefined;
  const url = Buffer.from(raw.replace(/,/g, "="), "base64url").toString("utf8");
  const path = /^https?:\/\/[^/]+(\/.*)?$/.exec(url)?.[1] ?? (url.startsWith("/") && !url.startsWith("//") ? url : undefined);
  return path?.replace(/^\/+/, "/");
}

export function addCurrencySwitchRoutes(router: Router, sf: Storefront): void {
  router.post(paths, requireFormKey, (req, res) => switchCurrency(sf, req, res));
}
