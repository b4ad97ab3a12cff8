import type { Catalog, Category, Product, UrlRewrite } from "./types.ts";
import type { CatalogData } from "./load.ts";
import { createProductIndex, type ProductIndex } from "./product-index.ts";
import { listProducts } from "./listing.ts";
import { getFinalPrice, getPriceRange } from "./prices.ts";
import { buildUrlRewrites, normalizeRequestPath, parseInternalPath, URL_SUFFIX } from "./url-rewrites.ts";
import { CatalogError } from "../errors.ts";
import { changeUrlKey } from "./url-key-changes.ts";

type ProductLookups = Pick<Catalog, "getProductById" | "getProductBySku" | "getProductByUrlKey" | "getParents" | "findVariant" | "getPriceRange" | "getFinalPrice" | "getProductUrl" | "getProductCacheTags">;
type CategoryLookups = Pick<Catalog, "getCategoryById" | "getCategoryByUrlPath" | "getCategoryByUrlKey" | "getChildren" | "getBreadcrumbs" | "countProductsInCategory" | "getCategoryUrl">;
type CatalogChanges = Pick<Catalog, "setPrice" | "setUrlKey" | "onInvalidate">;

/** Indexes loaded catalog data and answers the Catalog interface. */
export function createCatalog(data: CatalogData): Catalog {
  const productsById = new Map(data.products.map((p) => [p.id, p]));
  const index = createProductIndex(data.products, data.categories, productsById);
  const rewrites = buildUrlRewrites(data);
  const urlKeys = indexUrlKeys(data.products);
  const attributesByCode = new Map(data.attributes.map((a) => [a.code, a]));
  const catalog: Catalog = {
    products: data.products, categories: data.categories, attributes: data.attributes,
    cmsPages: data.cmsPages, cmsBlocks: data.cmsBlocks, rootCategoryId: data.rootCategoryId,
    ...createProductLookups(data, productsById, urlKeys),
    ...createCategoryLookups(data, index, productsById),
    getAttribute: (code) => attributesByCode.get(code),
    getAttributeById: (id) => data.attributes.find((a) => a.id === id),
    getOptionLabel: (code, optionId) => attributesByCode.get(code)?.options.find((o) => o.id === optionId)?.label,
    resolveUrl: (path) => resolveUrl(catalog, rewrites, path),
    listProducts: (query) => listProducts(catalog, index, query),
    getCmsPage: (identifier) => data.cmsPages.find((p) => p.identifier === identifier),
    getCmsPageById: (id) => data.cmsPages.find((p) => p.id === id),
    getCmsBlock: (identifier) => data.cmsBlocks.find((b) => b.identifier === identifier),
    ...createCatalogChanges((sku) => catalog.getProductBySku(sku), rewrites, urlKeys),
  };
  return catalog;
}

function indexUrlKeys(products: readonly Product[]): Map<string, Product> {
  const productsByUrlKey = new Map<string, Product>();
  for (const product of products) {
    // A visible product owns its url key over an invisible one with the same key.
    const existing = productsByUrlKey.get(product.urlKey);
    if (!existing || (existing.visibility === 1 && product.visibility !== 1)) productsByUrlKey.set(product.urlKey, product);
  }
  return productsByUrlKey;
}

function createProductLookups(data: CatalogData, productsById: Map<number, Product>, productsByUrlKey: Map<string, Product>): ProductLookups {
  const productsBySku = new Map(data.products.map((p) => [p.sku.toLowerCase(), p]));
  const byId = (id: number) => productsById.get(id);
  return {
    getProductById: byId,
    getProductBySku: (sku) => productsBySku.get(sku.toLowerCase()),
    getProductByUrlKey: (urlKey) => productsByUrlKey.get(urlKey),
    getParents: (product) => product.parentIds.map(byId).filter((p): p is Product => p !== undefined),
    findVariant(parent, selection) {
      const variant = parent.variants?.find((v) => Object.entries(v.attributes).every(([code, value]) => selection[code] === value));
      return variant ? byId(variant.productId) : undefined;
    },
    getPriceRange: (product, customerGroupId) => getPriceRange(product, byId, customerGroupId),
    getFinalPrice,
    getProductUrl: (product) => product.urlKey + URL_SUFFIX,
    getProductCacheTags(product) {
      const childIds = [...(product.variants ?? []).map((v) => v.productId), ...(product.groupedItems ?? []).map((i) => i.productId)];
      return [product.id, ...childIds].map((id) => `cat_p_${id}`);
    },
  };
}

function createCategoryLookups(data: CatalogData, index: ProductIndex, productsById: Map<number, Product>): CategoryLookups {
  const categoriesById = new Map(data.categories.map((c) => [c.id, c]));
  const categoriesByUrlPath = new Map(data.categories.filter((c) => c.urlPath).map((c) => [c.urlPath, c]));
  const known = (c: Category | undefined): c is Category => c !== undefined;
  return {
    getCategoryById: (id) => categoriesById.get(id),
    getCategoryByUrlPath: (urlPath) => categoriesByUrlPath.get(normalizeRequestPath(urlPath).replace(/\.html$/, "").replace(/\/$/, "")),
    getCategoryByUrlKey: (urlKey) => data.categories.find((c) => c.urlKey === urlKey && c.level >= 2),
    getChildren: (categoryId) => (categoriesById.get(categoryId)?.childrenIds ?? []).map((id) => categoriesById.get(id)).filter(known),
    getBreadcrumbs(categoryId) {
      const path = categoriesById.get(categoryId)?.path ?? [];
      return path.slice(0, -1).map((id) => categoriesById.get(id)).filter(known).filter((c) => c.level >= 2);
    },
    countProductsInCategory(categoryId) {
      let count = 0;
      for (const id of index.categoryMembers.get(categoryId) ?? []) {
        const product = productsById.get(id);
        if (product?.enabled && (product.visibility === 2 || product.visibility === 4)) count += 1;
      }
      return count;
    },
    getCategoryUrl: (category) => category.urlPath + URL_SUFFIX,
  };
}

function createCatalogChanges(findBySku: (sku: string) => Product | undefined, rewrites: Map<string, UrlRewrite>, urlKeys: Map<string, Product>): CatalogChanges {
  const listeners = new Set<(tags: string[]) => void>();
  return {
    setUrlKey(sku, urlKey) {
      const product = findBySku(sku);
      if (!product) throw new CatalogError(`setUrlKey: no product with sku "${sku}"`);
      changeUrlKey(rewrites, urlKeys, product, urlKey);
      const tags = [`cat_p_${product.id}`];
      for (const listener of listeners) listener(tags);
      return tags;
    },
    setPrice(sku, price) {
      const product = findBySku(sku);
      if (!product) throw new CatalogError(`setPrice: no product with sku "${sku}"`);
      if (!Number.isFinite(price) || price < 0) throw new CatalogError(`setPrice: price must be a non-negative number, got ${price}`);
      product.price = price;
      product.updatedAt = new Date().toISOString().replace("T", " ").slice(0, 19);
      const tags = [product.id, ...product.parentIds].map((id) => `cat_p_${id}`);
      for (const listener of listeners) listener(tags);
      return tags;
    },
    onInvalidate(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Rewrites first, then Magento's internal routes; "/" is the home CMS page. */
function resolveUrl(catalog: Catalog, rewrites: Map<string, UrlRewrite>, path: string): UrlRewrite | undefined {
  const requestPath = normalizeRequestPath(path);
  const key = requestPath.toLowerCase();
  const found = rewrites.get(key === "" ? "home" : key) ?? rewrites.get(key.replace(/\/$/, ""));
  if (found) return found;
  const internal = parseInternalPath(requestPath);
  if (!internal) return undefined;
  const canonical = canonicalPath(catalog, internal.entityType, internal.entityId);
  if (canonical === undefined) return undefined;
  return { requestPath: canonical, targetPath: requestPath, entityType: internal.entityType, entityId: internal.entityId, redirectCode: 0 };
}

function canonicalPath(catalog: Catalog, type: UrlRewrite["entityType"], id: number): string | undefined {
  if (type === "PRODUCT") {
    const product = catalog.getProductById(id);
    return product && product.visibility !== 1 ? catalog.getProductUrl(product) : undefined;
  }
  if (type === "CATEGORY") {
    const category = catalog.getCategoryById(id);
    return category?.urlPath ? catalog.getCategoryUrl(category) : undefined;
  }
  return catalog.getCmsPageById(id)?.identifier;
}
