import type { Aggregation, AggregationOption, Catalog, Product } from "./types.ts";
import type { ProductIndex } from "./product-index.ts";

/** Price first, then categories, then filterable attributes, as Magento's layered navigation. */
export function buildAggregations(catalog: Catalog, index: ProductIndex, products: Product[]): Aggregation[] {
  if (products.length === 0) return [];
  const aggregations: Aggregation[] = [buildPriceAggregation(catalog, products), buildCategoryAggregation(catalog, index, products)];
  for (const attribute of catalog.attributes) {
    if (!attribute.filterable) continue;
    const options: AggregationOption[] = [];
    for (const option of attribute.options) {
      const count = products.filter((p) => index.attributeValues.get(p.id)?.[attribute.code]?.has(option.id)).length;
      if (count > 0) options.push({ label: option.label, value: option.id, count });
    }
    if (options.length > 0) aggregations.push({ attributeCode: attribute.code, label: attribute.label, position: attribute.position, options });
  }
  return aggregations.filter((a) => a.options.length > 0);
}

/**
 * Magento's "automatic (equalize price ranges)" step: a power of ten under the highest price,
 * buckets "from_to" labelled "from-to".
 */
function buildPriceAggregation(catalog: Catalog, products: Product[]): Aggregation {
  const prices = products.map((p) => catalog.getPriceRange(p).minimum.final);
  const max = Math.max(...prices);
  const step = max >= 10 ? 10 ** Math.floor(Math.log10(max)) : 10;
  const buckets = new Map<number, number>();
  for (const price of prices) {
    const from = Math.floor(price / step) * step;
    buckets.set(from, (buckets.get(from) ?? 0) + 1);
  }
  const options = [...buckets.entries()].sort(([a], [b]) => a - b).map(([from, count]) => ({
    label: `${from}-${from + step}`, value: `${from}_${from + step}`, count,
  }));
  return { attributeCode: "price", label: "Price", position: 0, options };
}

/** Categories below the store root that hold results, with counts. */
function buildCategoryAggregation(catalog: Catalog, index: ProductIndex, products: Product[]): Aggregation {
  const options: AggregationOption[] = [];
  for (const category of catalog.categories) {
    if (category.level < 2 || !category.isActive) continue;
    const members = index.categoryMembers.get(category.id);
    const count = members ? products.filter((p) => members.has(p.id)).length : 0;
    if (count > 0) options.push({ label: category.name, value: category.uid, count });
  }
  return { attributeCode: "category_uid", label: "Category", position: 1, options };
}
