// Magento's `products` arguments → an EngineQuery, with Magento's own input errors. A filter the
// index cannot apply (a `match` on text, an attribute it does not hold) refuses the operation.
import type { RelevanceConfig } from "../config/relevance-config.ts";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import { decodeUid } from "../catalog/catalog-meta.ts";
import type { DocFilter, EngineQuery, TextQuery } from "../engine/engine.ts";
import { SearchInputError, UnsupportedOperationError } from "../errors.ts";
import type { TextAnalyzer } from "../text/analyzer.ts";

export interface FilterCondition {
  eq?: string | null;
  in?: (string | null)[] | null;
  match?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface ProductsArgs {
  search?: string | null;
  filter?: Record<string, FilterCondition | null> | null;
  sort?: Record<string, string> | null;
  pageSize?: number | null;
  currentPage?: number | null;
}

export interface SearchRequest {
  /** Missing when the phrase is shorter than minQueryLength: nothing can match. */
  query?: EngineQuery;
  searching: boolean;
  /** The analyzed words of the phrase (for suggestions). */
  words: string[];
  pageSize: number;
  currentPage: number;
  /** A category_id / category_uid `eq` filter (aggregations' includeDirectChildrenOnly). */
  categoryId?: number;
}

export interface ArgsContext {
  meta: CatalogMeta;
  relevance: RelevanceConfig;
  analyzer: TextAnalyzer;
}

const CATEGORY_FIELDS = new Set(["category_id", "category_uid", "category_url_path"]);

function valuesOf(condition: FilterCondition): string[][] {
  const sets: string[][] = [];
  if (condition.eq !== undefined && condition.eq !== null) sets.push([condition.eq]);
  if (condition.in) sets.push(condition.in.filter((v): v is string => v !== null));
  return sets;
}

function toCategoryId(field: string, value: string, meta: CatalogMeta): number {
  if (field === "category_uid") {
    const id = decodeUid(value);
    if (id === undefined) throw new SearchInputError(`Value of uid "${value}" is incorrect.`);
    return id;
  }
  if (field === "category_url_path") {
    const path = value.replace(/^\/+/, "").replace(/\.html$/, "");
    return meta.categories.find((c) => c.urlPath !== "" && c.urlPath === path)?.id ?? 0;
  }
  return /^\d+$/.test(value) ? Number(value) : 0;
}

function readBound(field: string, bound: "from" | "to", value: string | null | undefined): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new SearchInputError(`Invalid value "${value}" for "${field}.${bound}": a number is expected.`);
  return number;
}

function readFilter(field: string, condition: FilterCondition, meta: CatalogMeta): DocFilter[] {
  if (condition.match !== undefined && condition.match !== null) throw new UnsupportedOperationError([`products(filter.${field}.match)`]);
  if (field === "price") {
    const from = readBound(field, "from", condition.from);
    const to = readBound(field, "to", condition.to);
    return from === undefined && to === undefined ? [] : [{ kind: "price", ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }];
  }
  const sets = valuesOf(condition);
  if (CATEGORY_FIELDS.has(field)) return sets.map((values) => ({ kind: "category", ids: values.map((v) => toCategoryId(field, v, meta)) }));
  if (field === "sku" || field === "url_key") return sets.map((values) => ({ kind: field === "sku" ? "sku" : "urlKey", values }));
  if (!meta.attributes.some((a) => a.code === field)) throw new UnsupportedOperationError([`products(filter.${field})`]);
  return sets.map((values) => ({ kind: "attribute", code: field, values }));
}

function categoryEq(filter: ProductsArgs["filter"], meta: CatalogMeta): number | undefined {
  for (const field of CATEGORY_FIELDS) {
    const eq = filter?.[field]?.eq;
    if (eq !== undefined && eq !== null) return toCategoryId(field, eq, meta);
  }
  return undefined;
}

function readText(search: string, ctx: ArgsContext): { text?: TextQuery; words: string[]; tooShort: boolean } {
  const phrase = search.trim().slice(0, ctx.relevance.maxQueryLength);
  if (phrase === "") return { words: [], tooShort: false };
  if (phrase.length < ctx.relevance.minQueryLength) return { words: [], tooShort: true };
  const words = ctx.analyzer.queryWords(phrase);
  return words.length === 0 ? { words, tooShort: false } : { text: { words, key: ctx.analyzer.key(phrase) }, words, tooShort: false };
}

export function readProductsArgs(args: ProductsArgs, ctx: ArgsContext, wantsFacets: boolean): SearchRequest {
  const searching = args.search !== undefined && args.search !== null;
  if (!searching && !args.filter) throw new SearchInputError("'search' or 'filter' input argument is required.");
  const pageSize = args.pageSize ?? ctx.relevance.defaultPageSize;
  const currentPage = args.currentPage ?? 1;
  if (pageSize < 1) throw new SearchInputError("pageSize value must be greater than 0.");
  if (currentPage < 1) throw new SearchInputError("currentPage value must be greater than 0.");
  const filters = Object.entries(args.filter ?? {}).flatMap(([field, condition]) => (condition ? readFilter(field, condition, ctx.meta) : []));
  const { text, words, tooShort } = searching ? readText(args.search!, ctx) : { words: [], tooShort: false };
  const sort = Object.entries(args.sort ?? {}).map(([field, direction]) => ({ field: field as EngineQuery["sort"][number]["field"], direction: direction === "DESC" ? "DESC" as const : "ASC" as const }));
  const request: SearchRequest = { searching, words, pageSize, currentPage, ...withCategory(categoryEq(args.filter, ctx.meta)) };
  if (tooShort) return request;
  request.query = {
    ...(text ? { text } : {}),
    filters,
    visibilities: searching ? ctx.relevance.visibility.search : ctx.relevance.visibility.filter,
    sort: sort.length > 0 ? sort : [{ field: searching ? ctx.relevance.sort.search : ctx.relevance.sort.filter, direction: "ASC" }],
    offset: (currentPage - 1) * pageSize,
    limit: pageSize,
    facets: wantsFacets,
  };
  return request;
}

function withCategory(categoryId: number | undefined): { categoryId?: number } {
  return categoryId === undefined ? {} : { categoryId };
}
