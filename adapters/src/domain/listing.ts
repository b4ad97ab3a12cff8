import type { ProductSummary } from "./product.ts";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

export interface Facet {
  /** Attribute code usable as a filter key, e.g. `price`, `color`, `category_uid`. */
  code: string;
  label: string;
  options: FacetOption[];
}

export interface SortOption {
  value: string;
  label: string;
}

export type SortDirection = "ASC" | "DESC";

/** A filter value: equals one value, is in a list, or lies in a range (`from`/`to` inclusive, either optional). */
export type FilterValue = string | string[] | { from?: string; to?: string };

export interface ListingQuery {
  /** Category uid; listProducts needs either this, categoryId or filters. */
  categoryUid?: string;
  categoryId?: number;
  filters?: Record<string, FilterValue>;
  sort?: { field: string; direction: SortDirection };
  /** 1-based, default 1. */
  page?: number;
  /** Default 12. */
  pageSize?: number;
}

export interface SearchQuery extends Omit<ListingQuery, "categoryUid" | "categoryId"> {
  text: string;
}

export interface ProductListing {
  items: ProductSummary[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  facets: Facet[];
  sortOptions: SortOption[];
  defaultSort?: string;
}

export interface SearchResult extends ProductListing {
  text: string;
  suggestions: string[];
}
