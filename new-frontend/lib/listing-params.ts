// Magento's listing URLs, both ways: `?color=49&price=40-50&product_list_order=price&product_list_dir=desc&p=2`
// ⇄ the listing state the adapters take. Filters are only those the listing offers (unknown or tracking
// parameters are ignored, as Luma ignores them). The category filter is `cat=<id>` in Luma URLs and a
// `category_uid` (base64 of the id) in GraphQL. Pure.
import type { FilterValue, ListingQuery, SortDirection } from "@strangler/adapters";

export const pageSizes = [12, 24, 36] as const;
const reserved = new Set(["p", "q", "product_list_order", "product_list_dir", "product_list_limit", "product_list_mode"]);
const codePattern = /^[a-z][a-z0-9_]{0,59}$/;

export interface ListingState {
  page: number;
  pageSize: number;
  sort?: { field: string; direction: SortDirection };
  /** Facet code → the value as the URL carries it (`"49"`, `"40-50"`, a category id for `category_uid`). */
  filters: Record<string, string>;
}

export interface ListingParamOptions {
  /** Facet codes the listing offers; other parameters are not filters. */
  filterCodes: ReadonlySet<string>;
  sortFields: ReadonlySet<string>;
  defaultPageSize: number;
}

/** The URL parameter that carries a facet (`category_uid` → `cat`, like Luma). */
export function toParamName(code: string): string {
  return code === "category_uid" || code === "category_id" ? "cat" : code;
}

function toFacetCode(param: string, filterCodes: ReadonlySet<string>): string | undefined {
  if (param === "cat") return ["category_uid", "category_id"].find((code) => filterCodes.has(code));
  return filterCodes.has(param) ? param : undefined;
}

function parsePositiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/** Reads the listing state from query parameters; invalid values fall back to defaults, never throw. */
export function parseListingParams(params: URLSearchParams, options: ListingParamOptions): ListingState {
  const limit = parsePositiveInt(params.get("product_list_limit"));
  const state: ListingState = {
    page: parsePositiveInt(params.get("p")) ?? 1,
    pageSize: limit !== undefined && (pageSizes as readonly number[]).includes(limit) ? limit : options.defaultPageSize,
    filters: {},
  };
  const field = params.get("product_list_order");
  if (field && options.sortFields.has(field)) {
    state.sort = { field, direction: params.get("product_list_dir") === "desc" ? "DESC" : "ASC" };
  }
  for (const [name, value] of params) {
    if (reserved.has(name) || !codePattern.test(name) || value === "") continue;
    const code = toFacetCode(name, options.filterCodes);
    if (code && value.length <= 100) state.filters[code] = value;
  }
  return state;
}

function toFilterValue(code: string, raw: string): FilterValue {
  if (code === "price") {
    const [from = "", to = ""] = raw.split(/[-_]/, 2);
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  if (code === "category_uid" && /^\d+$/.test(raw)) return Buffer.from(raw, "utf8").toString("base64");
  return raw;
}

/** The adapters' listing query for a state (category or search text added by the caller). */
export function toListingQuery(state: ListingState): Pick<ListingQuery, "filters" | "sort" | "page" | "pageSize"> {
  const filters = Object.fromEntries(Object.entries(state.filters).map(([code, raw]) => [code, toFilterValue(code, raw)]));
  return { filters, page: state.page, pageSize: state.pageSize, ...(state.sort ? { sort: state.sort } : {}) };
}

/** The Luma URL value of a facet option (category uids become numeric ids, price buckets `from-to`). */
export function toParamValue(code: string, value: string): string {
  // GraphQL aggregations name price buckets `20_30`; Luma URLs say `price=20-30`.
  if (code === "price") return value.replace("_", "-");
  if (code !== "category_uid") return value;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return /^\d+$/.test(decoded) ? decoded : value;
}

export interface ListingChange {
  page?: number;
  sort?: { field: string; direction: SortDirection } | null;
  pageSize?: number;
  /** A facet option as the adapters give it (category options carry uids). */
  setFilter?: { code: string; value: string };
  removeFilter?: string;
  /** Extra parameters to keep first (the search text `q`). */
  keep?: Record<string, string>;
}

/** A link to the same listing with one thing changed; changing filters, sort or size goes back to page 1. */
export function buildListingHref(path: string, state: ListingState, change: ListingChange, defaultPageSize: number): string {
  const filters = { ...state.filters };
  if (change.removeFilter) delete filters[change.removeFilter];
  if (change.setFilter) filters[change.setFilter.code] = toParamValue(change.setFilter.code, change.setFilter.value);
  const sort = change.sort === undefined ? state.sort : change.sort ?? undefined;
  const pageSize = change.pageSize ?? state.pageSize;
  const resetsPage = Boolean(change.setFilter || change.removeFilter || change.sort !== undefined || change.pageSize);
  const page = change.page ?? (resetsPage ? 1 : state.page);
  const params = new URLSearchParams(change.keep);
  for (const [code, value] of Object.entries(filters)) params.set(toParamName(code), value);
  if (sort) params.set("product_list_order", sort.field);
  if (sort?.direction === "DESC") params.set("product_list_dir", "desc");
  if (pageSize !== defaultPageSize) params.set("product_list_limit", String(pageSize));
  if (page > 1) params.set("p", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Luma's label for a price bucket: `20_30` → `$20.00 - $29.99`, `100_*` → `$100.00 and above`. */
export function formatPriceBucket(value: string, format: (amount: number) => string): string | undefined {
  const match = /^(\d+(?:\.\d+)?)[-_](\d+(?:\.\d+)?|\*)?$/.exec(value);
  if (!match) return undefined;
  const from = Number(match[1]);
  if (!match[2] || match[2] === "*") return `${format(from)} and above`;
  return `${format(from)} - ${format(Math.max(from, Number(match[2]) - 0.01))}`;
}
