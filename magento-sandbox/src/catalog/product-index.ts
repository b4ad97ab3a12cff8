import type { Category, Product } from "./types.ts";

/** Precomputed lookups the listing needs per request: membership, attribute values, text. */
export interface ProductIndex {
  /** category id → ids of products in its subtree. */
  categoryMembers: Map<number, Set<number>>;
  /** product id → attribute code → option ids, children's values folded into their parent. */
  attributeValues: Map<number, Record<string, Set<string>>>;
  /** product id → lower-cased searchable text (name weighted separately). */
  searchName: Map<number, string>;
  searchText: Map<number, string>;
}

export function createProductIndex(products: readonly Product[], categories: readonly Category[], byId: Map<number, Product>): ProductIndex {
  return {
    categoryMembers: indexCategoryMembers(products, categories),
    attributeValues: indexAttributeValues(products, byId),
    searchName: new Map(products.map((p) => [p.id, p.name.toLowerCase()])),
    searchText: new Map(products.map((p) => [p.id, buildSearchText(p, byId)])),
  };
}

/** Listings include a category's whole subtree, so "Gear" lists bags, watches… */
function indexCategoryMembers(products: readonly Product[], categories: readonly Category[]): Map<number, Set<number>> {
  const members = new Map<number, Set<number>>(categories.map((c) => [c.id, new Set<number>()]));
  const byId = new Map(categories.map((c) => [c.id, c]));
  for (const product of products) {
    for (const categoryId of product.categoryIds) {
      for (const ancestorId of byId.get(categoryId)?.path ?? []) members.get(ancestorId)?.add(product.id);
    }
  }
  return members;
}

function indexAttributeValues(products: readonly Product[], byId: Map<number, Product>): Map<number, Record<string, Set<string>>> {
  const values = new Map<number, Record<string, Set<string>>>();
  for (const product of products) {
    const merged: Record<string, Set<string>> = {};
    const sources = [product, ...(product.variants ?? []).map((v) => byId.get(v.productId))];
    for (const source of sources) {
      for (const [code, ids] of Object.entries(source?.attributes ?? {})) {
        const set = (merged[code] ??= new Set());
        for (const id of ids) set.add(id);
      }
    }
    values.set(product.id, merged);
  }
  return values;
}

function buildSearchText(product: Product, byId: Map<number, Product>): string {
  const childSkus = (product.variants ?? []).map((v) => byId.get(v.productId)?.sku ?? "");
  const description = product.description.replace(/<[^>]*>/g, " ");
  return [product.name, product.sku, ...childSkus, product.shortDescription, description].join(" ").toLowerCase();
}

/** Words of a search phrase, lower-cased, at least 1 character of letters or digits. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}-]+/u).filter((w) => w.length > 0);
}

/**
 * Relevance of a product for the search words (0 = no match). Every word must appear, as a
 * word prefix, somewhere in the text; a hit in the name counts more.
 */
export function scoreSearch(index: ProductIndex, productId: number, words: string[]): number {
  const name = index.searchName.get(productId) ?? "";
  const text = index.searchText.get(productId) ?? "";
  let score = 0;
  for (const word of words) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}`, "u");
    if (pattern.test(name)) score += 10;
    else if (pattern.test(text)) score += 1;
    else return 0;
  }
  return score;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
