import type { Request, Response } from "express";
import type { Category, Product } from "../catalog/types.ts";
import { renderCmsContent } from "../catalog/cms-content.ts";
import { renderProductGrid, renderProductView } from "./catalog-views.ts";
import { readListingState, renderLayeredNavigation, renderToolbar, toProductQuery } from "./listing-views.ts";
import type { Storefront } from "./context.ts";
import { html, trusted } from "./html.ts";
import type { Breadcrumb } from "./layout.ts";
import { getSession } from "./session.ts";

/** Category, product and quick-search pages: public, cacheable, tagged for purges. */

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
  // Display mode "static block only" (PAGE): the landing CMS block and no product list.
  const showProducts = category.displayMode !== "PAGE";
  const state = readListingState(req);
  const query = toProductQuery(catalog, state);
  const inCategory = { field: "category_id", eq: String(category.id) };
  const listing = showProducts ? catalog.listProducts({ ...query, filters: [inCategory, ...(query.filters ?? [])] }) : undefined;
  // The sidebar offers what the unfiltered category holds (as the new frontend reads it from GraphQL).
  const facets = showProducts ? catalog.listProducts({ filters: [inCategory], pageSize: 1 }).aggregations : [];
  const block = category.displayMode !== "PRODUCTS" && category.landingBlock ? catalog.getCmsBlock(category.landingBlock) : undefined;
  const crumbs = categoryCrumbs(sf, req, category, false);
  const content = html`${category.description ? html`<div class="category-description">${trusted(category.description)}</div>` : ""}${block ? html`<div class="category-cms">${trusted(renderCmsContent(block.content, catalog, base))}</div>` : ""}${listing ? html`${renderToolbar(req, listing, state, "top")}${renderProductGrid(sf.shopperCatalog(res), listing, base)}${renderToolbar(req, listing, state, "bottom")}` : ""}`;
  const tags = [`cat_c_${category.id}`, `cat_c_p_${category.id}`, ...(listing?.items ?? []).map((p) => `cat_p_${p.id}`)];
  sf.sendPublic(req, res, {
    title: [...crumbs].reverse().map((c) => c.label).join(" - "),
    heading: category.name,
    canonical: `${base}${catalog.getCategoryUrl(category)}`,
    bodyClass: `page-products categorypath-${category.urlPath.replace(/\//g, "-")} category-${category.urlKey} catalog-category-view page-layout-2columns-left`,
    breadcrumbs: crumbs,
    content,
    ...(listing ? { sidebar: renderLayeredNavigation(req, catalog, facets, state) } : {}),
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
    // Magento 2.4.8 (Catalog\Helper\Product\View::preparePageMetadata) sets the product's meta_description
    // only; an empty one falls back to the store's default description (Page\Config::getDescription),
    // which the sandbox leaves empty: no tag. No fallback to the description text.
    metaDescription: product.metaDescription || undefined,
    metaKeywords: product.metaKeyword || undefined,
    canonical: `${base}${catalog.getProductUrl(product)}`,
    bodyClass: `catalog-product-view product-${product.urlKey} page-product-${product.type} page-layout-1column`,
    breadcrumbs: crumbs,
    content: renderProductView(sf.shopperCatalog(res), product, base, getSession(res).formKey),
  }, [...catalog.getProductCacheTags(product), ...(category ? [`cat_c_${category.id}`] : [])]);
}

export function sendSearchPage(sf: Storefront, req: Request, res: Response): void {
  const q = typeof req.query.q === "string" ? req.query.q.trim() : "";
  if (q === "") {
    res.redirect(302, "/");
    return;
  }
  const state = readListingState(req);
  delete state.filters.q;
  const listing = sf.catalog.listProducts({ search: q, ...toProductQuery(sf.catalog, state) });
  const facets = sf.catalog.listProducts({ search: q, pageSize: 1 }).aggregations;
  const title = `Search results for: '${q}'`;
  const keep = { q };
  sf.sendPublic(req, res, {
    title,
    robots: "NOINDEX,FOLLOW",
    searchText: q,
    bodyClass: "page-products catalogsearch-result-index page-layout-2columns-left",
    breadcrumbs: [{ label: title, key: "search" }],
    content: html`${renderToolbar(req, listing, state, "top", keep)}${listing.totalCount === 0 ? html`<div class="message notice"><div>Your search returned no results.</div></div>` : renderProductGrid(sf.shopperCatalog(res), listing, sf.baseUrl(req))}${renderToolbar(req, listing, state, "bottom", keep)}`,
    sidebar: renderLayeredNavigation(req, sf.catalog, facets, state, keep),
  }, [...listing.items.map((p) => `cat_p_${p.id}`)]);
}
