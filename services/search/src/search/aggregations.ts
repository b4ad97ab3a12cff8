// Layered navigation from facet counts, in Magento's order and shape: price buckets first, then
// categories, then every filterable attribute in its navigation position; options with no product
// are left out, and so is a group with no option.
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import type { FacetCounts } from "../engine/engine.ts";

export interface AggregationOption {
  label: string;
  value: string;
  count: number;
}

export interface Aggregation {
  attributeCode: string;
  label: string;
  position: number;
  options: AggregationOption[];
}

function priceAggregation(facets: FacetCounts): Aggregation {
  const options = facets.prices.map(({ from, to, count }) => ({ label: `${from}-${to}`, value: `${from}_${to}`, count }));
  return { attributeCode: "price", label: "Price", position: 0, options };
}

function categoryAggregation(facets: FacetCounts, meta: CatalogMeta, onlyChildrenOf: number | undefined): Aggregation {
  const children = onlyChildrenOf === undefined ? undefined : new Set(meta.categories.find((c) => c.id === onlyChildrenOf)?.childIds ?? []);
  const options = [...meta.categories]
    .sort((a, b) => a.id - b.id)
    .filter((c) => (facets.categories.get(c.uid) ?? 0) > 0 && (!children || children.has(c.id)))
    .map((c) => ({ label: c.name, value: c.uid, count: facets.categories.get(c.uid)! }));
  return { attributeCode: "category_uid", label: "Category", position: 1, options };
}

export function buildAggregations(facets: FacetCounts, meta: CatalogMeta, onlyChildrenOf?: number): Aggregation[] {
  const aggregations = [priceAggregation(facets), categoryAggregation(facets, meta, onlyChildrenOf)];
  for (const attribute of meta.attributes) {
    const counts = facets.attributes.get(attribute.code);
    const options = attribute.options.flatMap((o) => {
      const count = counts?.get(o.value) ?? 0;
      return count > 0 ? [{ label: o.label, value: o.value, count }] : [];
    });
    aggregations.push({ attributeCode: attribute.code, label: attribute.label, position: attribute.position, options });
  }
  return aggregations.filter((a) => a.options.length > 0);
}
