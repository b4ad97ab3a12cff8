// Cache tags: Magento's own (`cat_p_<id>` product, `cat_c_<id>` category, `cms_p_<id>` CMS page), so a
// purge Magento sends for an entity reaches every page built from it, plus one for the navigation.
import type { ProductListing, ProductSummary } from "@strangler/adapters";

/** The header navigation (category tree): re-rendered when any category changes. */
export const navigationTag = "strangler_navigation";

/** The legacy theme's stylesheets (adapters' `strangler_theme`): a purge of it re-renders every page. */
export const themeTag = "strangler_theme";

export function toProductTags(productId: number): string[] {
  return [`cat_p_${productId}`];
}

export function toCategoryTags(categoryId: number, listing?: ProductListing): string[] {
  return [`cat_c_${categoryId}`, `cat_c_p_${categoryId}`, ...(listing?.items ?? []).flatMap((item: ProductSummary) => toProductTags(item.id))];
}

export function toCmsTags(pageId: number | undefined, identifier: string): string[] {
  return pageId === undefined ? [`cms_p_${identifier}`] : [`cms_p_${pageId}`];
}

/** The tags to revalidate for tags a purge dropped: category changes also refresh the navigation. */
export function expandPurgedTags(tags: string[]): string[] {
  const valid = tags.filter((tag) => /^[A-Za-z0-9_:.-]{1,200}$/.test(tag));
  return valid.some((tag) => /^cat_c(_\d+)?$/.test(tag)) ? [...new Set([...valid, navigationTag])] : [...new Set(valid)];
}
