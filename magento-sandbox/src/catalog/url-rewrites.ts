import type { Category, CmsPage, Product, UrlRewrite } from "./types.ts";

export const URL_SUFFIX = ".html";

export interface UrlRewriteInput {
  products: readonly Product[];
  categories: readonly Category[];
  cmsPages: readonly CmsPage[];
  rootCategoryId: number;
}

/**
 * Builds the url_rewrite table as Magento generates it for Luma: `<category path>.html` for
 * categories, `<url_key>.html` and `<category path>/<url_key>.html` for visible products, and
 * the identifier for CMS pages.
 */
export function buildUrlRewrites(input: UrlRewriteInput): Map<string, UrlRewrite> {
  const rewrites = new Map<string, UrlRewrite>();
  // Keys are lower case: MySQL's case-insensitive collation makes Magento's lookups so.
  const add = (rewrite: UrlRewrite) => {
    const key = rewrite.requestPath.toLowerCase();
    if (!rewrites.has(key)) rewrites.set(key, rewrite);
  };
  const categoriesById = new Map(input.categories.map((c) => [c.id, c]));
  for (const category of input.categories) {
    if (!category.urlPath || !category.path.includes(input.rootCategoryId)) continue;
    add({ requestPath: category.urlPath + URL_SUFFIX, targetPath: `catalog/category/view/id/${category.id}`, entityType: "CATEGORY", entityId: category.id, redirectCode: 0 });
  }
  for (const product of input.products) {
    if (product.visibility === 1) continue;
    const target = `catalog/product/view/id/${product.id}`;
    add({ requestPath: product.urlKey + URL_SUFFIX, targetPath: target, entityType: "PRODUCT", entityId: product.id, redirectCode: 0 });
    for (const categoryId of product.categoryIds) {
      const category = categoriesById.get(categoryId);
      if (!category?.urlPath) continue;
      add({
        requestPath: `${category.urlPath}/${product.urlKey}${URL_SUFFIX}`, targetPath: `${target}/category/${category.id}`,
        entityType: "PRODUCT", entityId: product.id, redirectCode: 0, categoryId: category.id,
      });
    }
  }
  for (const page of input.cmsPages) {
    add({ requestPath: page.identifier, targetPath: `cms/page/view/page_id/${page.id}`, entityType: "CMS_PAGE", entityId: page.id, redirectCode: 0 });
  }
  return rewrites;
}

/** "/Gear/bags.html?x=1#y" → "Gear/bags.html"; "/" → "" */
export function normalizeRequestPath(path: string): string {
  let clean = path.split(/[?#]/, 1)[0] ?? "";
  try {
    clean = decodeURIComponent(clean);
  } catch {
    // A malformed escape is looked up as written; it simply will not match.
  }
  return clean.replace(/^\/+/, "");
}

/** Magento's internal routes answer without a rewrite: catalog/product/view/id/N and friends. */
export function parseInternalPath(path: string): { entityType: UrlRewrite["entityType"]; entityId: number } | undefined {
  const match = /^(catalog\/product\/view|catalog\/category\/view|cms\/page\/view)\/(?:id|page_id)\/(\d+)/.exec(path.replace(/\/$/, ""));
  if (!match) return undefined;
  const entityType = match[1] === "catalog/product/view" ? "PRODUCT" : match[1] === "catalog/category/view" ? "CATEGORY" : "CMS_PAGE";
  return { entityType, entityId: Number(match[2]) };
}
