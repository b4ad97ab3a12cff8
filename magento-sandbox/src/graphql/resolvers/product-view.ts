import type { Catalog, Category, Product } from "../../catalog/types.ts";
import type { GraphQlContext } from "../context.ts";
import { getRatingSummary, URL_SUFFIX } from "../../catalog/index.ts";
import { roundPrice, toLegacyPrices, toMoney, toPriceRange } from "./money.ts";
import { getGroupTiers } from "../../catalog/group-prices.ts";
import { toMediaGallery, toMediaGalleryEntries, toRoleImage } from "./product-media.ts";
import { toCustomAttributes, toAttributeFields } from "./product-attributes.ts";
import { toTypeSpecificFields } from "./product-types.ts";
import { toCategoryView } from "./category-view.ts";

const TYPENAMES: Record<Product["type"], string> = {
  simple: "SimpleProduct", virtual: "VirtualProduct", configurable: "ConfigurableProduct",
  bundle: "BundleProduct", grouped: "GroupedProduct", downloadable: "DownloadableProduct",
};

/** Luma's attribute sets, by name (eav_attribute_set ids of a sample-data install). */
const ATTRIBUTE_SET_IDS: Record<string, number> = {
  Default: 4, Top: 9, Bottom: 10, Gear: 11, "Sprite Stasis Ball": 12, "Sprite Yoga Strap": 13, Downloadable: 14, Bag: 15,
};

/**
 * A product as Magento's GraphQL shows it. Cheap fields are values; costly or nested ones are
 * functions the field resolver calls only when selected. Adds the product's cache tags.
 */
export function toProductView(product: Product, context: GraphQlContext): Record<string, unknown> {
  // Children add their own tags when their views are built (variants, bundle and grouped items).
  context.cacheTags.add("cat_p");
  context.cacheTags.add(`cat_p_${product.id}`);
  return {
    __typename: TYPENAMES[product.type],
    id: product.id, uid: product.uid, sku: product.sku, name: product.name, type_id: product.type,
    attribute_set_id: ATTRIBUTE_SET_IDS[product.attributeSetName] ?? 4,
    description: { html: product.description }, short_description: { html: product.shortDescription },
    meta_title: product.metaTitle || null, meta_keyword: product.metaKeyword || null, meta_description: product.metaDescription || null,
    stock_status: product.inStock ? "IN_STOCK" : "OUT_OF_STOCK", only_x_left_in_stock: null,
    quantity: product.qty, min_sale_qty: 1, max_sale_qty: 10000, weight: product.weight ?? null,
    created_at: product.createdAt, updated_at: product.updatedAt, new_from_date: null, new_to_date: null,
    country_of_manufacture: null, gift_message_available: false, gift_wrapping_available: false, gift_wrapping_price: null,
    is_returnable: "2", manufacturer: null, options_container: "container2", staged: false,
    rating_summary: getRatingSummary(product), review_count: product.reviews.length,
    reviews: (args: { pageSize?: number; currentPage?: number }) => toReviewsView(product, args, context),
    ...toUrlFields(product, context),
    ...toMediaAndPriceFields(product, context),
    ...toRelationFields(product, context),
    ...toAttributeFields(context.catalog, product),
    ...toTypeSpecificFields(product, context),
  };
}

function toUrlFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  const url = product.urlKey + URL_SUFFIX;
  return {
    url_key: product.urlKey, url_path: null, url_suffix: URL_SUFFIX, canonical_url: url,
    relative_url: product.visibility === 1 ? null : url, redirect_code: 0, type: "PRODUCT",
    url_rewrites: () => toUrlRewrites(context.catalog, product),
  };
}

/** Magento's TierPrice list for the viewer's group (the group price is its quantity-1 tier). */
function toPriceTiers(product: Product, context: GraphQlContext) {
  return getGroupTiers(product.sku, context.customerGroupId).map((tier) => ({
    quantity: tier.quantity,
    final_price: toMoney(tier.price, context.currency),
    discount: { amount_off: roundPrice((product.price - tier.price) * context.currency.rate), percent_off: roundPrice(((product.price - tier.price) / product.price) * 100) },
  }));
}

function toMediaAndPriceFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  const { catalog, baseUrl } = context;
  const range = () => catalog.getPriceRange(product, context.customerGroupId);
  return {
    image: () => toRoleImage(product, "image", baseUrl),
    small_image: () => toRoleImage(product, "small_image", baseUrl),
    thumbnail: () => toRoleImage(product, "thumbnail", baseUrl),
    swatch_image: product.media.find((m) => m.roles.includes("swatch_image"))?.file ?? null,
    media_gallery: () => toMediaGallery(product, baseUrl),
    media_gallery_entries: () => toMediaGalleryEntries(product),
    price_range: () => toPriceRange(range(), context.currency),
    price: () => toLegacyPrices(range(), context.currency),
    price_tiers: () => toPriceTiers(product, context), tier_prices: [], tier_price: null,
    special_price: product.specialPrice ?? null, special_from_date: null, special_to_date: null,
  };
}

function toRelationFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  const { catalog } = context;
  return {
    categories: () => product.categoryIds.map((id) => catalog.getCategoryById(id))
      .filter((c): c is Category => c !== undefined && c.isActive && c.level >= 2).map((c) => toCategoryView(c, context)),
    related_products: () => toLinkedViews(product.relatedSkus, context),
    upsell_products: () => toLinkedViews(product.upsellSkus, context),
    crosssell_products: () => toLinkedViews(product.crosssellSkus, context),
    product_links: () => toProductLinks(catalog, product),
    custom_attributesV2: () => toCustomAttributes(catalog, product),
  };
}

/** Newest first, 20 a page, as Magento's ProductReviews. */
function toReviewsView(product: Product, args: { pageSize?: number; currentPage?: number }, context: GraphQlContext) {
  const pageSize = args.pageSize ?? 20;
  const currentPage = args.currentPage ?? 1;
  const newestFirst = [...product.reviews].reverse();
  return {
    items: newestFirst.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((review) => ({
      summary: review.title, text: review.detail, nickname: review.nickname, created_at: review.createdAt,
      average_rating: review.rating * 20, ratings_breakdown: [{ name: review.ratingName, value: String(review.rating) }],
      product: () => toProductView(product, context),
    })),
    page_info: { current_page: currentPage, page_size: pageSize, total_pages: Math.ceil(product.reviews.length / pageSize) },
  };
}

function toLinkedViews(skus: string[], context: GraphQlContext) {
  return skus.map((sku) => context.catalog.getProductBySku(sku)).filter((p): p is Product => p !== undefined && p.visibility !== 1).map((p) => toProductView(p, context));
}

function toUrlRewrites(catalog: Catalog, product: Product) {
  if (product.visibility === 1) return [];
  const rewrites = [{ url: product.urlKey + URL_SUFFIX, parameters: [{ name: "id", value: String(product.id) }] }];
  for (const id of product.categoryIds) {
    const category = catalog.getCategoryById(id);
    if (!category?.urlPath) continue;
    rewrites.push({
      url: `${category.urlPath}/${product.urlKey}${URL_SUFFIX}`,
      parameters: [{ name: "id", value: String(product.id) }, { name: "category", value: String(category.id) }],
    });
  }
  return rewrites;
}

function toProductLinks(catalog: Catalog, product: Product) {
  const links: Record<string, unknown>[] = [];
  const add = (type: string, skus: string[]) => skus.forEach((sku, index) => links.push({
    __typename: "ProductLinks", link_type: type, linked_product_sku: sku, position: index + 1, sku: product.sku,
    linked_product_type: catalog.getProductBySku(sku)?.type ?? null,
  }));
  add("related", product.relatedSkus);
  add("upsell", product.upsellSkus);
  add("crosssell", product.crosssellSkus);
  return links;
}
