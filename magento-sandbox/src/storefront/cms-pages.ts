import type { Request, Response } from "express";
import type { CmsPage } from "../catalog/types.ts";
import { renderCmsContent } from "../catalog/cms-content.ts";
import type { Storefront } from "./context.ts";
import { html, trusted } from "./html.ts";

/** CMS pages (home, about-us…) and Magento's no-route page, served with status 404. */
export function sendCmsPage(sf: Storefront, req: Request, res: Response, page: CmsPage, status = 200): void {
  const base = sf.baseUrl(req);
  const isHome = page.identifier === "home";
  sf.sendPublic(req, res, {
    title: page.metaTitle || page.title,
    heading: page.contentHeading || (isHome ? "" : page.title),
    metaDescription: page.metaDescription || undefined,
    metaKeywords: page.metaKeywords || undefined,
    canonical: isHome || status !== 200 ? undefined : `${base}${page.identifier}`,
    bodyClass: isHome ? "cms-home cms-index-index page-layout-1column" : `cms-${page.identifier} cms-page-view page-layout-${page.pageLayout || "1column"}`,
    breadcrumbs: isHome || status !== 200 ? [] : [{ label: page.title, key: "cms_page" }],
    content: html`<div class="cms-content">${trusted(renderCmsContent(page.content, sf.catalog, base))}</div>`,
  }, [`cms_p_${page.id}`], status);
}

export function sendNotFound(sf: Storefront, req: Request, res: Response): void {
  const page = sf.catalog.getCmsPage("no-route");
  if (page) {
    sendCmsPage(sf, req, res, page, 404);
    return;
  }
  sf.sendPublic(req, res, {
    title: "404 Not Found",
    heading: "Whoops, our bad...",
    bodyClass: "cms-no-route cms-noroute-index page-layout-2columns-right",
    content: html`<dl><dt>The page you requested was not found, and we have a fine guess why.</dt></dl>`,
  }, [], 404);
}
