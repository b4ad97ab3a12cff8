import type { Request, Response } from "express";
import type { Category, Product, ProductQuery } from "../catalog/types.ts";
import { renderCmsContent } from "../catalog/cms-content.ts";
import { renderProductGrid, renderProductView } from "./catalog-views.ts";
import type { Storefront } from "./context.ts";
import { html, trusted } from "./html.ts";
import type { Breadcrumb } from "./layout.ts";
import { getSession } from "./session.ts";

/** Category, product and quick-search pages: public, cacheable, tagged for purges. */
const sortFields = new Set(["position", "name", "price"]);
const pageSizes = new Set([12, 24, 36]);

function readListingQuery(req: Request): Pick<ProductQuery, "sort" | "pageSize" | "currentPage"> {
  const order = String(req.query.product_list_order ?? "position");
  const direction = String(req.query.product_list_dir ?? "asc").toUpperCase() === "DESC" ? "DESC" : "ASC";
  const limit = Number(req.query.product_list_limit ?? 12);
  const page = Number(req.query.p ?? 1);
  return {
    sort: sortFields.has(order) ? [{ field: order as "position" | "name" | "price", direction }] : undefined,
    pageSize: pageSizes.has(limit) ? limit : 12,
    currentPage: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function pageHref(req: Request) {
  return (page: number): string => {
    const query = new URLSearchParams(req.query as Record<string, string>);
    query.set("p", String(page));
    return `${req.path}?${query.toString()}`;
  };
}

function categoryCrumbs(sf: Storefront, req: Request, category: Category, linkLast: boolean): Breadcrumb[] {
  const ancestors = sf.catalog.getBreadcrumbs(category.id);
  const trail = ancestors.at(-1)?.id === category.id ? ancestors : [...ancestors, category];
  return trail.map((c, index) => ({
    label: c.name,
    key: `category${c.id}`,
    url: index < trail.length - 1 || linkLast ? `${sf.baseUrl(req)}${sf.catalog.getCategoryUrl(c)}` : undefined,
  }));
}

export function sendCategoryPage(sf: Storefront, req: Request, res: Response, category: Category): void {
  const { catalog } = sf;
  const base = sf.baseUrl(req);
  const showProducts = category.displayMode !== "PAGE";
  const listing = showProducts
    ? catalog.listProducts({ filters: [{ field: "category_id", eq: String(category.id) }], ...readListingQuery(req) })
    : undefined;
  const block = category.landingBlock ? catalog.getCmsBlock(category.landingBlock) : undefined;
  const crumbs = categoryCrumbs(sf, req, category, false);
  const content = html`${category.description ? html`<div class="category-description">${trusted(category.description)}</div>` : ""}
${block ? html`<div class="category-cms">${trusted(renderCmsContent(block.content, catalog, base))}</div>` : ""}
${listing ? renderProductGrid(catalog, listing, base, pageHref(req)) : ""}`;
  const tags = [`cat_c_${category.id}`, `cat_c_p_${category.id}`, ...(listing?.items ?? []).map((p) => `cat_p_${p.id}`)];
  sf.sendPublic(req, res, {
    title: [...crumbs].reverse().map((c) => c.label).join(" - "),
    heading: category.name,
    canonical: `${base}${catalog.getCategoryUrl(category)}`,
    bodyClass: `page-products categorypath-${category.urlPath.replace(/\//g, "-")} category-${category.urlKey} catalog-category-view page-layout-2columns-left`,
    breadcrumbs: crumbs,
    content,
  }, tags);
}

export function sendProductPage(sf: Storefront, req: Request, res: Response, product: Product, categoryId?: number): void {
  const { catalog } = sf;
  const base = sf.baseUrl(req);
  const category = categoryId !== undefined ? catalog.getCategoryById(categoryId) : undefined;
  const crumbs: Breadcrumb[] = [
    ...(category ? categoryCrumbs(sf, req, category, true) : []),
    { label: product.name, key: "product" },
  ];
  sf.sendPublic(req, res, {
    title: product.metaTitle || product.name,
    heading: product.name,
    // Magento's product view falls back to the description, tags stripped, 255 characters.
    metaDescription: product.metaDescription || stripTags(product.description).slice(0, 255) || undefined,
    metaKeywords: product.metaKeyword || undefined,
    canonical: `${base}${catalog.getProductUrl(product)}`,
    bodyClass: `catalog-product-view product-${product.urlKey} page-product-${product.type} page-layout-1column`,
    breadcrumbs: crumbs,
    content: renderProductView(catalog, product, base, getSession(res).formKey),
  }, [...catalog.getProductCacheTags(product), ...(category ? [`cat_c_${category.id}`] : [])]);
}

function stripTags(markup: string): string {
  return markup.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
}

export function sendSearchPage(sf: Storefront, req: Request, res: Response): void {
  const q = typeof req.query.q === "string" ? req.query.q.trim() : "";
  if (q === "") {
    res.redirect(302, "/");
    return;
  }
  const listing = sf.catalog.listProducts({ search: q, ...readListingQuery(req) });
  const title = `Search results for: '${q}'`;
  sf.sendPublic(req, res, {
    title,
    robots: "NOINDEX,FOLLOW",
    bodyClass: "page-products catalogsearch-result-index page-layout-2columns-left",
    breadcrumbs: [{ label: title, key: "search" }],
    content: renderProductGrid(sf.catalog, listing, sf.baseUrl(req), pageHref(req)),
  }, [...listing.items.map((p) => `cat_p_${p.id}`)]);
}
