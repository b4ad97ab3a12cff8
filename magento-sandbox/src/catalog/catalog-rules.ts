import type { Category, Product } from "./types.ts";
import { readCsv } from "./csv.ts";

/**
 * CatalogRuleSampleData: "20% off all Women's and Men's Pants". Magento indexes a rule's price
 * for products whose categories match, and (CatalogRuleConfigurable) for the children of
 * matching configurables. Only `by_percent` rules on `category_ids` occur in the sample data.
 */
export function applyCatalogRules(dir: string, products: Product[], categories: readonly Category[]): void {
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const rule of readCsv(dir, "CatalogRuleSampleData/catalog_rules.csv", { optional: true })) {
    if (rule.is_active !== "1" || rule.simple_action !== "by_percent") continue;
    const percent = Number(rule.discount_amount);
    const urlKeys = [...(rule.conditions_serialized ?? "").matchAll(/url_key=([a-z0-9-]+)/g)].map((m) => m[1]);
    const categoryIds = new Set(categories.filter((c) => urlKeys.includes(c.urlKey)).map((c) => c.id));
    if (!(percent > 0) || categoryIds.size === 0) continue;
    for (const product of products) {
      if (!product.categoryIds.some((id) => categoryIds.has(id))) continue;
      const targets = [product, ...(product.variants ?? []).map((v) => byId.get(v.productId))];
      for (const target of targets) if (target) target.catalogRuleDiscountPercent = Math.max(target.catalogRuleDiscountPercent ?? 0, percent);
    }
  }
}
