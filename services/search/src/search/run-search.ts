// One `products` request end to end: arguments → engine → the answer's parts (items, totals, page
// info, layered navigation, sort fields, suggestions), still in domain terms; graphql/ shapes them.
import type { RelevanceConfig } from "../config/relevance-config.ts";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import type { ProductDocument } from "../catalog/product-document.ts";
import type { EngineResult, SearchEngine } from "../engine/engine.ts";
import { readFacetKeys } from "../engine/engine.ts";
import { SearchInputError } from "../errors.ts";
import { buildAggregations, type Aggregation } from "./aggregations.ts";
import type { SearchRequest } from "./products-args.ts";

export interface SearchAnswer {
  items: ProductDocument[];
  totalCount: number;
  pageSize: number;
  currentPage: number;
  totalPages: number;
  /** Computed on demand, `onlyChildrenOf` restricting the category options. */
  aggregations(directChildrenOnly: boolean): Aggregation[];
  sortFields: { default: string; options: { value: string; label: string }[] };
  suggestions: string[];
}

const EMPTY: EngineResult = { total: 0, items: [], facets: readFacetKeys([], []), corrections: new Map() };

export async function runSearch(engine: SearchEngine, request: SearchRequest, meta: CatalogMeta, relevance: RelevanceConfig): Promise<SearchAnswer> {
  const result = request.query ? await engine.search(request.query) : EMPTY;
  const { pageSize, currentPage, searching } = request;
  const totalPages = Math.ceil(result.total / pageSize);
  if (result.total > 0 && currentPage > totalPages) {
    throw new SearchInputError(`currentPage value ${currentPage} specified is greater than the ${totalPages} page(s) available.`);
  }
  const corrected = request.words.map((word) => result.corrections.get(word) ?? word);
  return {
    items: result.items,
    totalCount: result.total,
    pageSize,
    currentPage,
    totalPages,
    aggregations: (directChildrenOnly) => (result.total > 0 && result.facets ? buildAggregations(result.facets, meta, directChildrenOnly ? request.categoryId : undefined) : []),
    sortFields: {
      default: searching ? relevance.sort.search : relevance.sort.filter,
      options: relevance.sort.options.filter((o) => searching || o.value !== "relevance"),
    },
    suggestions: result.corrections.size > 0 ? [corrected.join(" ")] : [],
  };
}
