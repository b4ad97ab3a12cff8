import type { Catalog, Product, ProductFilter, ProductListing, ProductQuery } from "./types.ts";
import { scoreSearch, tokenize, type ProductIndex } from "./product-index.ts";
import { buildAggregations } from "./aggregations.ts";

const DEFAULT_PAGE_SIZE = 20;
/** Magento's catalog/search/max_query_length: longer phrases are cut, not refused. */
export const MAX_QUERY_LENGTH = 128;

/**
 * Magento's products query over the in-memory catalog: visibility (catalog for browsing,
 * search for full-text), filters, relevance or attribute sort, 1-based pages, aggregations.
 */
export function listProducts(catalog: Catalog, index: ProductIndex, query: ProductQuery): ProductListing {
  const words = query.search ? tokenize(query.search.slice(0, MAX_QUERY_LENGTH)) : [];
  const searching = query.search !== undefined;
  const scores = new Map<number, number>();
  const matches = catalog.products.filter((product) => {
    if (!product.enabled || !isVisible(product, searching)) return false;
    if (!(query.filters ?? []).every((filter) => matchesFilter(catalog, index, product, filter))) return false;
    if (!searching) return true;
    // A blank phrase matches everything visible in search, as Magento's search_term does.
    const score = words.length === 0 ? 1 : scoreSearch(index, product.id, words);
    scores.set(product.id, score);
    return score > 0;
  });
  sortProducts(catalog, matches, query, scores);
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const currentPage = query.currentPage ?? 1;
  const start = (currentPage - 1) * pageSize;
  let aggregations: ProductListing["aggregations"] | undefined;
  return {
    items: matches.slice(start, start + pageSize),
    totalCount: matches.length,
    pageSize,
    currentPage,
    totalPages: pageSize > 0 ? Math.ceil(matches.length / pageSize) : 0,
    // Computed on first read: most product queries (detail pages, cart) never ask for them.
    get aggregations() {
      return (aggregations ??= buildAggregations(catalog, index, matches));
    },
  };
}

function isVisible(product: Product, searching: boolean): boolean {
  return product.visibility === 4 || product.visibility === (searching ? 3 : 2);
}

function matchesFilter(catalog: Catalog, index: ProductIndex, product: Product, filter: ProductFilter): boolean {
  switch (filter.field) {
    case "sku":
      return matchesText(product.sku, filter, false);
    case "url_key":
      return matchesText(product.urlKey, filter, false);
    case "name":
      return matchesText(product.name, filter, true);
    case "description":
      return matchesText(stripTags(product.description), filter, true);
    case "short_description":
      return matchesText(stripTags(product.shortDescription), filter, true);
    case "price":
      return matchesRange(catalog.getPriceRange(product).minimum.final, filter);
    case "category_id":
      return matchesValues(filter, (id) => index.categoryMembers.get(Number(id))?.has(product.id) ?? false);
    default: {
      const values = index.attributeValues.get(product.id)?.[filter.field];
      return matchesValues(filter, (id) => values?.has(id) ?? false);
    }
  }
}

function matchesText(value: string, filter: ProductFilter, fullText: boolean): boolean {
  if (filter.eq !== undefined && value !== filter.eq) return false;
  if (filter.in !== undefined && !filter.in.includes(value)) return false;
  if (filter.match !== undefined) {
    const haystack = value.toLowerCase();
    const words = fullText ? tokenize(filter.match) : [filter.match.toLowerCase()];
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, " ");
}

function matchesValues(filter: ProductFilter, has: (value: string) => boolean): boolean {
  if (filter.eq !== undefined && !has(filter.eq)) return false;
  if (filter.in !== undefined && !filter.in.some(has)) return false;
  return true;
}

function matchesRange(value: number, filter: ProductFilter): boolean {
  if (filter.from !== undefined && value < filter.from) return false;
  if (filter.to !== undefined && value > filter.to) return false;
  return true;
}

function sortProducts(catalog: Catalog, products: Product[], query: ProductQuery, scores: Map<number, number>): void {
  const sorts = query.sort?.length ? query.sort : [{ field: query.search !== undefined ? "relevance" : "position", direction: "ASC" } as const];
  products.sort((a, b) => {
    for (const sort of sorts) {
      const sign = sort.direction === "DESC" ? -1 : 1;
      let diff: number;
      if (sort.field === "name") diff = a.name.localeCompare(b.name);
      else if (sort.field === "price") diff = catalog.getPriceRange(a).minimum.final - catalog.getPriceRange(b).minimum.final;
      // Higher relevance first whatever the direction label says, as Magento's default.
      else if (sort.field === "relevance") diff = (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0);
      else diff = a.id - b.id;
      if (diff !== 0) return sort.field === "relevance" ? diff : sign * diff;
    }
    return a.id - b.id;
  });
}
