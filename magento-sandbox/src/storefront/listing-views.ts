import type { Request } from "express";
import type { Aggregation, Catalog, ProductFilter, ProductListing, ProductQuery } from "../catalog/types.ts";
import { formatPrice, html, type SafeHtml } from "./html.ts";

/**
 * Luma's listing chrome for category and search pages: the toolbar (amount, sorter, pager, limiter) and
 * the "Shop By" layered navigation, driven by Luma's URL parameters (`?color=49&price=40-50&cat=21`,
 * `product_list_order`, `product_list_dir`, `product_list_limit`, `p`). Sorting is plain links, as the
 * new frontend renders it without JavaScript, so both sides look the same under one stylesheet.
 */
const sortOptions = [{ value: "position", label: "Position" }, { value: "name", label: "Product Name" }, { value: "price", label: "Price" }] as const;
const pageSizes = [12, 24, 36];
const reserved = new Set(["p", "q", "product_list_order", "product_list_dir", "product_list_limit", "product_list_mode"]);

export interface ListingState {
  page: number;
  pageSize: number;
  sort?: { field: string; direction: "ASC" | "DESC" };
  /** URL parameter → value, e.g. `{ cat: "21", price: "40-50" }`. */
  filters: Record<string, string>;
}

export function readListingState(req: Request): ListingState {
  const query = req.query as Record<string, unknown>;
  const text = (name: string) => (typeof query[name] === "string" ? (query[name] as string) : "");
  const limit = Number(text("product_list_limit"));
  const page = Number(text("p") || 1);
  const order = text("product_list_order");
  const filters: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!reserved.has(name) && typeof value === "string" && value !== "" && /^[a-z][a-z0-9_]{0,59}$/.test(name)) filters[name] = value;
  }
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: pageSizes.includes(limit) ? limit : 12,
    ...(sortOptions.some((o) => o.value === order) ? { sort: { field: order, direction: text("product_list_dir") === "desc" ? "DESC" as const : "ASC" as const } } : {}),
    filters,
  };
}

/** The catalog query for a state; parameters that name no filterable attribute are ignored, as Luma ignores them. */
export function toProductQuery(catalog: Catalog, state: ListingState): Pick<ProductQuery, "filters" | "sort" | "pageSize" | "currentPage"> {
  const filters: ProductFilter[] = [];
  for (const [name, value] of Object.entries(state.filters)) {
    if (name === "cat" && /^\d+$/.test(value)) filters.push({ field: "category_id", eq: value });
    else if (name === "price") {
      const [from, to] = value.split("-").map(Number);
      if (Number.isFinite(from)) filters.push({ field: "price", from: from!, ...(Number.isFinite(to) ? { to: to! - 0.01 } : {}) });
    } else if (catalog.attributes.some((a) => a.code === name && a.filterable)) filters.push({ field: name, eq: value });
  }
  return {
    filters,
    ...(state.sort ? { sort: [{ field: state.sort.field as "position" | "name" | "price", direction: state.sort.direction }] } : {}),
    pageSize: state.pageSize,
    currentPage: state.page,
  };
}

interface Change { page?: number; sort?: { field: string; direction: "ASC" | "DESC" }; pageSize?: number; set?: [string, string]; remove?: string }

function hrefFor(path: string, state: ListingState, keep: Record<string, string>, change: Change): string {
  const filters = { ...state.filters };
  if (change.remove) delete filters[change.remove];
  if (change.set) filters[change.set[0]] = change.set[1];
  const sort = change.sort ?? state.sort;
  const pageSize = change.pageSize ?? state.pageSize;
  const resets = Boolean(change.set || change.remove || change.sort || change.pageSize);
  const page = change.page ?? (resets ? 1 : state.page);
  const params = new URLSearchParams(keep);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  if (sort) params.set("product_list_order", sort.field);
  if (sort?.direction === "DESC") params.set("product_list_dir", "desc");
  if (pageSize !== 12) params.set("product_list_limit", String(pageSize));
  if (page > 1) params.set("p", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function renderAmount(listing: ProductListing): SafeHtml {
  if (listing.totalPages <= 1) return html`<p class="toolbar-amount" id="toolbar-amount"><span class="toolbar-number">${listing.totalCount}</span> ${listing.totalCount === 1 ? "Item" : "Items"}</p>`;
  const first = (listing.currentPage - 1) * listing.pageSize + 1;
  const last = Math.min(listing.totalCount, listing.currentPage * listing.pageSize);
  return html`<p class="toolbar-amount" id="toolbar-amount">Items <span class="toolbar-number">${first}</span>-<span class="toolbar-number">${last}</span> of <span class="toolbar-number">${listing.totalCount}</span> </p>`;
}

function renderSorter(link: (change: Change) => string, state: ListingState, searching: boolean): SafeHtml {
  const options = searching ? [{ value: "relevance", label: "Relevance" }, ...sortOptions] : sortOptions;
  const current = state.sort?.field ?? (searching ? "relevance" : "position");
  const direction = state.sort?.direction ?? "ASC";
  return html`<div class="toolbar-sorter sorter"><span class="sorter-label">Sort By</span><ul class="sorter-options">${options.map((o) => html`<li${o.value === current ? html` class="active"` : ""}><a href="${link({ sort: { field: o.value, direction: "ASC" } })}" rel="nofollow">${o.label}</a></li>`)}</ul><a class="action sorter-action sort-${direction === "ASC" ? "asc" : "desc"}" rel="nofollow" href="${link({ sort: { field: current, direction: direction === "ASC" ? "DESC" : "ASC" } })}"><span>${direction === "ASC" ? "Set Descending Direction" : "Set Ascending Direction"}</span></a></div>`;
}

function renderPager(link: (change: Change) => string, listing: ProductListing): SafeHtml {
  if (listing.totalPages <= 1) return html``;
  const from = Math.max(1, listing.currentPage - 2);
  const to = Math.min(listing.totalPages, from + 4);
  const pages = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return html`<div class="pages"><strong class="label pages-label">Page</strong><ul class="items pages-items">${listing.currentPage > 1 ? html`<li class="item pages-item-previous"><a class="action previous" href="${link({ page: listing.currentPage - 1 })}" title="Previous"><span>Previous</span></a></li>` : ""}${pages.map((n) =>
    n === listing.currentPage ? html`<li class="item current"><strong class="page"><span>${n}</span></strong></li>` : html`<li class="item"><a class="page" href="${link({ page: n })}"><span>${n}</span></a></li>`,
  )}${listing.currentPage < listing.totalPages ? html`<li class="item pages-item-next"><a class="action next" href="${link({ page: listing.currentPage + 1 })}" title="Next"><span>Next</span></a></li>` : ""}</ul></div>`;
}

function renderLimiter(link: (change: Change) => string, state: ListingState): SafeHtml {
  return html`<div class="field limiter"><span class="label">Show</span><ul class="limiter-options">${pageSizes.map((size) => html`<li${size === state.pageSize ? html` class="active"` : ""}><a href="${link({ pageSize: size })}" rel="nofollow">${size}</a></li>`)}</ul><span class="limiter-text">per page</span></div>`;
}

export function renderToolbar(req: Request, listing: ProductListing, state: ListingState, position: "top" | "bottom", keep: Record<string, string> = {}): SafeHtml {
  if (listing.totalCount === 0) return html``;
  const link = (change: Change) => hrefFor(req.path, state, keep, change);
  return position === "top"
    ? html`<div class="toolbar toolbar-products">${renderAmount(listing)}${renderSorter(link, state, keep.q !== undefined)}</div>`
    : html`<div class="toolbar toolbar-products">${renderPager(link, listing)}${renderLimiter(link, state)}</div>`;
}

/** The URL value of an aggregation option: a category's numeric id, a price bucket `from-to`. */
function toParam(catalog: Catalog, aggregation: Aggregation, value: string): [string, string] {
  if (aggregation.attributeCode === "price") return ["price", value.replace("_", "-")];
  if (aggregation.attributeCode === "category_uid") {
    // Category uids are base64 of the id; Luma's `cat` parameter carries the id.
    const id = Buffer.from(value, "base64").toString("utf8");
    return ["cat", /^\d+$/.test(id) && catalog.getCategoryById(Number(id)) ? id : value];
  }
  return [aggregation.attributeCode, value];
}

function labelOf(aggregation: Aggregation, value: string, label: string): string {
  if (aggregation.attributeCode !== "price") return label;
  const [from, to] = value.split(/[-_]/).map(Number);
  return to === undefined || !Number.isFinite(to) ? `${formatPrice(from!)} and above` : `${formatPrice(from!)} - ${formatPrice(Math.max(from!, to - 0.01))}`;
}

export function renderLayeredNavigation(req: Request, catalog: Catalog, aggregations: Aggregation[], state: ListingState, keep: Record<string, string> = {}): SafeHtml {
  const link = (change: Change) => hrefFor(req.path, state, keep, change);
  const paramOf = (a: Aggregation) => (a.attributeCode === "category_uid" ? "cat" : a.attributeCode);
  const active = aggregations.filter((a) => state.filters[paramOf(a)] !== undefined);
  const open = aggregations.filter((a) => state.filters[paramOf(a)] === undefined && a.options.length > 0);
  if (active.length === 0 && open.length === 0) return html``;
  return html`<div class="block filter" id="layered-filter-block"><div class="block-title filter-title"><strong>Shop By</strong></div><div class="block-content filter-content">${active.length > 0 ? html`<div class="filter-current"><strong class="block-subtitle filter-current-subtitle">Now Shopping by</strong><ol class="items">${active.map((a) => {
    const value = state.filters[paramOf(a)] ?? "";
    const option = a.options.find((o) => toParam(catalog, a, o.value)[1] === value);
    const label = labelOf(a, value, option?.label ?? value);
    return html`<li class="item"><span class="filter-label">${a.label}</span><span class="filter-value">${label}</span><a class="action remove" href="${link({ remove: paramOf(a) })}" title="Remove ${a.label} ${label}"><span>Remove This Item</span></a></li>`;
  })}</ol></div>` : ""}<strong role="heading" aria-level="2" class="block-subtitle filter-subtitle">Shopping Options</strong><dl class="filter-options" id="narrow-by-list">${open.map((a) => html`<div class="filter-options-item"><dt role="heading" aria-level="3" class="filter-options-title">${a.label}</dt><dd class="filter-options-content"><ol class="items">${a.options.slice(0, 50).map((o) => html`<li class="item"><a href="${link({ set: toParam(catalog, a, o.value) })}" rel="nofollow">${labelOf(a, o.value, o.label)}<span class="count">${o.count}<span class="filter-count-label">${o.count === 1 ? " item" : " items"}</span></span></a></li>`)}</ol></dd></div>`)}</dl></div></div>`;
}
