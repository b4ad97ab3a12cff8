/**
 * The sandbox catalog: the Luma sample data loaded once, in memory, with deterministic ids.
 * GraphQL, REST and the storefront read it through this interface; tests use `setPrice` to
 * change a price and observe cache-tag invalidation.
 */

import type { Attribute, Category, CmsBlock, CmsPage, Product } from "./entities.ts";

export type * from "./entities.ts";

export type UrlEntityType = "PRODUCT" | "CATEGORY" | "CMS_PAGE";

export interface UrlRewrite {
  /** Without leading slash, e.g. `gear/bags.html`. */
  requestPath: string;
  /** Internal route, e.g. `catalog/product/view/id/1`, or the target of a redirect. */
  targetPath: string;
  entityType: UrlEntityType;
  entityId: number;
  /** 0 = serve, 301/302 = redirect to targetPath. */
  redirectCode: 0 | 301 | 302;
  /** Set for category-path product URLs (`gear/bags/joust-duffle-bag.html`). */
  categoryId?: number;
}

export type SortDirection = "ASC" | "DESC";

export interface ProductFilter {
  /** sku, url_key, name, description, short_description, price, category_id, or an attribute code. */
  field: string;
  eq?: string;
  in?: string[];
  /** Full-text style (name, sku, description): every word must match. */
  match?: string;
  /** Inclusive range, for price. */
  from?: number;
  to?: number;
}

export interface ProductQuery {
  search?: string;
  filters?: ProductFilter[];
  /** Default: relevance (search) or position. */
  sort?: { field: "relevance" | "position" | "name" | "price"; direction: SortDirection }[];
  /** Default 20. */
  pageSize?: number;
  /** 1-based, default 1. */
  currentPage?: number;
}

export interface AggregationOption {
  label: string;
  value: string;
  count: number;
}

export interface Aggregation {
  /** `price`, `category_uid`, or an attribute code. */
  attributeCode: string;
  label: string;
  position: number;
  options: AggregationOption[];
}

export interface ProductListing {
  items: Product[];
  totalCount: number;
  pageSize: number;
  currentPage: number;
  totalPages: number;
  aggregations: Aggregation[];
}

export interface PriceInfo {
  regular: number;
  final: number;
}

/** min/max over what a shopper can buy (configurable children, bundle selections…). */
export interface ProductPriceRange {
  minimum: PriceInfo;
  maximum: PriceInfo;
}

export interface Catalog {
  readonly products: readonly Product[];
  readonly categories: readonly Category[];
  readonly attributes: readonly Attribute[];
  readonly cmsPages: readonly CmsPage[];
  readonly cmsBlocks: readonly CmsBlock[];
  /** Id of the store's root category ("Default Category", 2). */
  readonly rootCategoryId: number;

  getProductById(id: number): Product | undefined;
  getProductBySku(sku: string): Product | undefined;
  getProductByUrlKey(urlKey: string): Product | undefined;
  /** The configurable parent(s) or containers of a product. */
  getParents(product: Product): Product[];
  /** The variant of a configurable product for chosen options (code → value_index). */
  findVariant(parent: Product, selection: Record<string, number>): Product | undefined;
  /** For a customer group (default 0, not logged in): its group prices count. */
  getPriceRange(product: Product, customerGroupId?: number): ProductPriceRange;
  /** Final price of one unit: lowest of regular, special, catalog-rule and the group's price. */
  getFinalPrice(product: Product, customerGroupId?: number): number;

  getCategoryById(id: number): Category | undefined;
  /** `men/tops-men` or `men/tops-men.html`. */
  getCategoryByUrlPath(urlPath: string): Category | undefined;
  getCategoryByUrlKey(urlKey: string): Category | undefined;
  getChildren(categoryId: number): Category[];
  /** Ancestors below the store root, top first (for breadcrumbs). */
  getBreadcrumbs(categoryId: number): Category[];
  /** Products visible in the catalog that are assigned to the category or its subtree. */
  countProductsInCategory(categoryId: number): number;

  getAttribute(code: string): Attribute | undefined;
  getAttributeById(id: number): Attribute | undefined;
  getOptionLabel(code: string, optionId: string): string | undefined;

  /** Product URL without leading slash: `<url_key>.html`. */
  getProductUrl(product: Product): string;
  /** `gear/bags.html`. */
  getCategoryUrl(category: Category): string;
  /**
   * Looks up a URL path in the URL rewrites (leading slash, query and case ignored; "/" is the
   * home page), falling back to Magento's internal routes (`catalog/product/view/id/N`…).
   */
  resolveUrl(path: string): UrlRewrite | undefined;

  listProducts(query: ProductQuery): ProductListing;

  getCmsPage(identifier: string): CmsPage | undefined;
  getCmsPageById(id: number): CmsPage | undefined;
  getCmsBlock(identifier: string): CmsBlock | undefined;

  /** Cache tags of a product page: `cat_p_<id>` plus its children's (variants, grouped items). */
  getProductCacheTags(product: Product): string[];
  /**
   * Changes a product's regular price (tests and demos). Returns the invalidated cache tags
   * and notifies `onInvalidate` listeners. Throws CatalogError for an unknown sku.
   */
  setPrice(sku: string, price: number): string[];
  /**
   * Changes a product's url key as an admin save with "Create Permanent Redirect for old URL"
   * does: the old URLs answer 301 to the new ones. Returns the invalidated cache tags and
   * notifies `onInvalidate` listeners. Throws CatalogError for an unknown sku or a taken key.
   */
  setUrlKey(sku: string, urlKey: string): string[];
  /** Listens for invalidated cache tags; returns an unsubscribe function. */
  onInvalidate(listener: (tags: string[]) => void): () => void;
}
