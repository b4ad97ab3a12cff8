import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Catalog } from "../catalog/types.ts";
import type { Commerce } from "../commerce/types.ts";
import { addAccountRoutes } from "./account-pages.ts";
import { sendAdminLogin } from "./admin-page.ts";
import { addCartRoutes } from "./cart-pages.ts";
import { sendCategoryPage, sendProductPage, sendSearchPage } from "./catalog-pages.ts";
import { addCheckoutRoutes } from "./checkout-pages.ts";
import { sendCmsPage, sendNotFound } from "./cms-pages.ts";
import { addMiscRoutes } from "./misc-pages.ts";
import { addCurrencySwitchRoutes } from "./currency-switch.ts";
import { createStorefront, type Storefront, type StorefrontOptions } from "./context.ts";
import { sendSections } from "./sections.ts";
import { createSessionMiddleware } from "./session.ts";

/**
 * The Luma storefront as server-rendered HTML. Request flow: skip API/asset paths → session
 * (PHPSESSID, form_key, private_content_version on POST, X-Magento-Vary) → fixed routes
 * (section load, admin, cart, checkout, account, search) → URL rewrites (products, categories,
 * CMS, 301s) → Magento's no-route page with 404.
 */
export type { StorefrontOptions } from "./context.ts";

const notOurs = /^\/(rest|graphql|media|static|pub)(\/|$)/;

/** A same-site path: leading slashes collapsed so `//host` can never become an off-site redirect. */
function toLocalPath(url: string): string {
  return `/${url.replace(/^\/+/, "")}`;
}

function resolveRewrite(sf: Storefront, req: Request, res: Response): void {
  // /index.php/<path> is Magento's front controller path; clean URLs are canonical.
  if (/^\/index\.php(\/|$)/.test(req.path)) {
    res.redirect(301, toLocalPath(req.originalUrl.replace(/^\/index\.php/, "")));
    return;
  }
  if (/\.html\/$/.test(req.path)) {
    res.redirect(301, toLocalPath(req.originalUrl.replace(/\.html\/(\?|$)/, ".html$1")));
    return;
  }
  const rewrite = sf.catalog.resolveUrl(req.path);
  if (!rewrite) return sendNotFound(sf, req, res);
  if (rewrite.redirectCode !== 0) {
    res.redirect(rewrite.redirectCode, toLocalPath(rewrite.targetPath));
    return;
  }
  if (rewrite.entityType === "PRODUCT") {
    const product = sf.catalog.getProductById(rewrite.entityId);
    // Children of configurables (visibility 1) have no page of their own.
    if (!product || !product.enabled || product.visibility === 1) return sendNotFound(sf, req, res);
    const categoryId = rewrite.categoryId ?? (/\/category\/(\d+)/.exec(req.path)?.[1] !== undefined ? Number(/\/category\/(\d+)/.exec(req.path)?.[1]) : undefined);
    return sendProductPage(sf, req, res, product, categoryId);
  }
  if (rewrite.entityType === "CATEGORY") {
    const category = sf.catalog.getCategoryById(rewrite.entityId);
    if (!category || !category.isActive) return sendNotFound(sf, req, res);
    return sendCategoryPage(sf, req, res, category);
  }
  const page = sf.catalog.getCmsPageById(rewrite.entityId);
  if (!page || !page.isActive || page.identifier === "no-route") return sendNotFound(sf, req, res);
  sendCmsPage(sf, req, res, page);
}

export function createStorefrontRouter(store: { catalog: Catalog; commerce: Commerce }, options: StorefrontOptions = {}): Router {
  const sf = createStorefront(store.catalog, store.commerce, options);
  const pages = Router();
  pages.use(createSessionMiddleware(store.commerce, sf.varyFor));
  pages.use(express.urlencoded({ extended: false, limit: "1mb" }));
  pages.get(["/customer/section/load", "/customer/section/load/"], (req, res) => sendSections(sf, req, res));
  pages.get(/^\/admin(\/.*)?$/, sendAdminLogin);
  addCartRoutes(pages, sf);
  addCheckoutRoutes(pages, sf);
  addAccountRoutes(pages, sf);
  addMiscRoutes(pages, sf);
  addCurrencySwitchRoutes(pages, sf);
  pages.get(["/catalogsearch/result", "/catalogsearch/result/", "/catalogsearch/result/index/"], (req, res) => sendSearchPage(sf, req, res));
  pages.get(/.*/, (req, res) => resolveRewrite(sf, req, res));
  pages.use((req: Request, res: Response) => sendNotFound(sf, req, res));

  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (notOurs.test(req.path)) {
      next("router");
      return;
    }
    pages(req, res, next);
  });
  return router;
}
