// A product as the index holds it: everything the supported GraphQL fields answer, plus what search,
// filters, sort and layered navigation need. Plain JSON, so any engine can store it as is.
import type { CategoryRef, Facet, Image, Product, ProductRating, ProductSummary, ProductType, PriceRange, StockStatus } from "@strangler/adapters";
import type { Visibility } from "../config/relevance-config.ts";
import { CATEGORY_FACET, PRICE_FACET, decodeUid, withAncestors, type CatalogMeta } from "./catalog-meta.ts";

export interface ProductDocument {
  id: number;
  uid: string;
  sku: string;
  name: string;
  type: ProductType;
  urlKey: string;
  stockStatus: StockStatus;
  price: PriceRange;
  /** Magento's rating_summary (percentage) and review_count, as the adapters read them. */
  rating: ProductRating;
  image?: Image;
  descriptionHtml: string;
  shortDescriptionHtml: string;
  metaTitle: string;
  metaDescription: string;
  specialPrice?: number;
  /** Categories the product is assigned to (the `categories` field). */
  categories: CategoryRef[];
  /** Variant SKUs: a search for a child's SKU finds its parent, as in Magento. */
  childSkus: string[];
  visibility: Visibility;
  /** Rank in Magento's default ("position") order. */
  position: number;
  /** Every category it is listed under: assigned, their ancestors and its navigation categories. */
  categoryIds: number[];
  /** The categories layered navigation counts it under (Magento's category aggregation). */
  navigationCategoryUids: string[];
  /** Filterable attribute code → option values (a configurable's children folded in, as Magento). */
  attributes: Record<string, string[]>;
}

/** What the adapters answered about one product. */
export interface ProductReading {
  summary: ProductSummary;
  detail?: Product;
  /** Facets of a listing holding only this product: its attribute values and categories. */
  facets: Facet[];
  visibility: Visibility;
  position: number;
}

function readFacets(facets: Facet[]): { attributes: Record<string, string[]>; categoryUids: string[] } {
  const attributes: Record<string, string[]> = {};
  let categoryUids: string[] = [];
  for (const facet of facets) {
    if (facet.code === PRICE_FACET) continue;
    const values = facet.options.filter((o) => o.count > 0).map((o) => o.value);
    if (facet.code === CATEGORY_FACET) categoryUids = values;
    else if (values.length > 0) attributes[facet.code] = values;
  }
  return { attributes, categoryUids };
}

export function buildProductDocument(reading: ProductReading, meta: CatalogMeta): ProductDocument {
  const { summary, detail } = reading;
  const { attributes, categoryUids } = readFacets(reading.facets);
  const assigned = (detail?.categories ?? []).map((c) => c.id);
  const navigation = categoryUids.map(decodeUid).filter((id): id is number => id !== undefined);
  const listedUnder = withAncestors(meta, [...assigned, ...navigation]);
  return {
    id: summary.id, uid: summary.uid, sku: summary.sku, name: summary.name, type: summary.type,
    urlKey: summary.urlKey, stockStatus: summary.stockStatus, price: summary.price, rating: summary.rating,
    ...(summary.image ? { image: summary.image } : {}),
    descriptionHtml: detail?.descriptionHtml ?? "",
    shortDescriptionHtml: detail?.shortDescriptionHtml ?? "",
    metaTitle: detail?.metaTitle ?? summary.name,
    metaDescription: detail?.metaDescription ?? "",
    ...(detail?.specialPrice ? { specialPrice: detail.specialPrice.amount } : {}),
    categories: detail?.categories ?? [],
    childSkus: (detail?.variants ?? []).map((v) => v.sku),
    visibility: reading.visibility,
    position: reading.position,
    categoryIds: listedUnder.length > 0 && meta.rootCategoryId !== undefined ? withAncestors(meta, [...listedUnder, meta.rootCategoryId]) : listedUnder,
    navigationCategoryUids: categoryUids,
    attributes,
  };
}

/** The price layered navigation, the price filter and the price sort use: the lowest final price. */
export function sortPrice(doc: ProductDocument): number {
  return doc.price.min.final.amount;
}
