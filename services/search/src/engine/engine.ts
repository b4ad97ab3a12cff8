// The one seam between the service and an index store. An engine holds ProductDocuments and
// answers an EngineQuery: the matching documents (text, filters, visibility), sorted and paged,
// with their total and, when asked, the facet counts layered navigation is built from.
// Text semantics, the same for every engine: every query word must match (stemmed, prefix, typo
// tolerant); when no document matches them all, documents matching the most words come first.
import type { SortField, Visibility } from "../config/relevance-config.ts";
import type { ProductDocument } from "../catalog/product-document.ts";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";

export type DocFilter =
  | { kind: "sku" | "urlKey"; values: string[] }
  | { kind: "category"; ids: number[] }
  | { kind: "attribute"; code: string; values: string[] }
  | { kind: "price"; from?: number; to?: number };

export interface TextQuery {
  /** Analyzed words (text/analyzer.ts queryWords), non-empty. */
  words: string[];
  /** The query as one key (analyzer.key): a product whose name or SKU is exactly this ranks first. */
  key: string;
}

export interface EngineQuery {
  text?: TextQuery;
  filters: DocFilter[];
  visibilities: Visibility[];
  sort: { field: SortField; direction: "ASC" | "DESC" }[];
  offset: number;
  limit: number;
  facets: boolean;
}

export interface PriceBucket {
  from: number;
  to: number;
  count: number;
}

export interface FacetCounts {
  /** attribute code → option value → count */
  attributes: Map<string, Map<string, number>>;
  /** category uid → count */
  categories: Map<string, number>;
  prices: PriceBucket[];
}

export interface EngineResult {
  total: number;
  items: ProductDocument[];
  facets?: FacetCounts;
  /** Words of the query the index does not hold, with the closest word it does (`jackt` → `jacket`). */
  corrections: Map<string, string>;
}

export interface SearchEngine {
  readonly name: "orama" | "postgres";
  /** True when replicas share this index (they then need not build it each). */
  readonly shared: boolean;
  /** Replaces the whole index. `meta` names categories and attribute labels the text holds. */
  replaceAll(documents: ProductDocument[], meta: CatalogMeta): Promise<void>;
  upsert(documents: ProductDocument[], meta: CatalogMeta): Promise<void>;
  remove(ids: number[]): Promise<void>;
  /** The meta saved with the index; undefined before the first build. */
  meta(): Promise<CatalogMeta | undefined>;
  /** Documents by product id (those the index holds). */
  get(ids: number[]): Promise<ProductDocument[]>;
  count(): Promise<number>;
  search(query: EngineQuery): Promise<EngineResult>;
  close(): Promise<void>;
}

/** Facet keys both engines store per document: `a:<code>:<value>` and `c:<uid>`. */
export function facetKeysOf(doc: ProductDocument): string[] {
  const keys = doc.navigationCategoryUids.map((uid) => `c:${uid}`);
  for (const [code, values] of Object.entries(doc.attributes)) for (const value of values) keys.push(`a:${code}:${value}`);
  return keys;
}

/** Folds facet-key counts back into attributes and categories. */
export function readFacetKeys(counts: Iterable<[string, number]>, prices: PriceBucket[]): FacetCounts {
  const facets: FacetCounts = { attributes: new Map(), categories: new Map(), prices };
  for (const [key, count] of counts) {
    if (key.startsWith("c:")) {
      facets.categories.set(key.slice(2), count);
      continue;
    }
    const [, code = "", value = ""] = /^a:([^:]+):(.*)$/.exec(key) ?? [];
    if (!code) continue;
    let options = facets.attributes.get(code);
    if (!options) facets.attributes.set(code, (options = new Map()));
    options.set(value, count);
  }
  return facets;
}
