// Index documents and search answers → objects shaped as Magento 2.4.8's schema (field names,
// `__typename` for abstract types, null where Magento has no value). Only supported fields are here.
import type { Price, PriceRange, ProductType } from "@strangler/adapters";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import type { ProductDocument } from "../catalog/product-document.ts";
import type { Aggregation } from "../search/aggregations.ts";
import type { SearchAnswer } from "../search/run-search.ts";

const TYPENAMES: Record<ProductType, string> = {
  SIMPLE: "SimpleProduct", CONFIGURABLE: "ConfigurableProduct", BUNDLE: "BundleProduct", GROUPED: "GroupedProduct",
  VIRTUAL: "VirtualProduct", DOWNLOADABLE: "DownloadableProduct", GIFT_CARD: "GiftCardProduct", OTHER: "SimpleProduct",
};

function toPriceView(price: Price) {
  return {
    regular_price: { value: price.regular.amount, currency: price.regular.currency },
    final_price: { value: price.final.amount, currency: price.final.currency },
    discount: { amount_off: price.discount.amountOff, percent_off: price.discount.percentOff },
  };
}

function toLegacyPrices(range: PriceRange) {
  const amount = (money: { amount: number; currency: string }) => ({ amount: { value: money.amount, currency: money.currency } });
  return { regularPrice: amount(range.min.regular), minimalPrice: amount(range.min.final), maximalPrice: amount(range.max.final) };
}

export function toProductView(doc: ProductDocument, meta: CatalogMeta) {
  return {
    __typename: TYPENAMES[doc.type],
    id: doc.id, uid: doc.uid, sku: doc.sku, name: doc.name, type_id: doc.type === "OTHER" ? "simple" : doc.type.toLowerCase(),
    url_key: doc.urlKey, url_suffix: meta.productUrlSuffix, stock_status: doc.stockStatus,
    // Magento's relative canonical URL (url key + suffix, "Use Canonical Link Meta Tag For Products" on).
    canonical_url: `${doc.urlKey}${meta.productUrlSuffix}`,
    // Float! / Int! in 2.4.8: a document indexed before ratings were read answers 0, as a product without reviews.
    rating_summary: doc.rating?.summary ?? 0, review_count: doc.rating?.reviewCount ?? 0,
    small_image: doc.image ? { url: doc.image.url, label: doc.image.label, position: doc.image.position, disabled: false } : null,
    price_range: { minimum_price: toPriceView(doc.price.min), maximum_price: toPriceView(doc.price.max) },
    price: toLegacyPrices(doc.price),
    description: { html: doc.descriptionHtml },
    short_description: { html: doc.shortDescriptionHtml },
    meta_title: doc.metaTitle, meta_description: doc.metaDescription, special_price: doc.specialPrice ?? null,
    categories: doc.categories.map((c) => ({ __typename: "CategoryTree", id: c.id, uid: c.uid, name: c.name, url_path: c.urlPath })),
  };
}

function toAggregationView(aggregation: Aggregation) {
  return {
    attribute_code: aggregation.attributeCode, label: aggregation.label, count: aggregation.options.length, position: aggregation.position,
    options: aggregation.options.map((o) => ({ label: o.label, value: o.value, count: o.count })),
  };
}

function toLayerFilterView(aggregation: Aggregation) {
  return {
    name: aggregation.label, request_var: aggregation.attributeCode === "category_uid" ? "cat" : aggregation.attributeCode,
    filter_items_count: aggregation.options.length,
    filter_items: aggregation.options.map((o) => ({ __typename: "LayerFilterItem", label: o.label, value_string: o.value, items_count: o.count })),
  };
}

type AggregationsArgs = { filter?: { category?: { includeDirectChildrenOnly?: boolean | null } | null } | null };

export function toProductsView(answer: SearchAnswer, meta: CatalogMeta) {
  return {
    items: answer.items.map((doc) => toProductView(doc, meta)),
    total_count: answer.totalCount,
    page_info: { current_page: answer.currentPage, page_size: answer.pageSize, total_pages: answer.totalPages },
    aggregations: (args: AggregationsArgs) => answer.aggregations(args.filter?.category?.includeDirectChildrenOnly === true).map(toAggregationView),
    filters: () => answer.aggregations(false).map(toLayerFilterView),
    sort_fields: answer.sortFields,
    suggestions: answer.suggestions.map((search) => ({ search })),
  };
}
