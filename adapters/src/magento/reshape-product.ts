// MagentoProduct (ProductInterface as selected in queries/fragments.ts) → Product / ProductSummary.
// Safe defaults: null texts → "", null stock_status → OUT_OF_STOCK (never sell what may not
// exist), null discount → 0, null media/categories/options → [], disabled media dropped, missing
// url → /<url_key><suffix>. Missing id/uid/sku/name or any price → MagentoShapeError.
import { z } from "zod";
import type { Image, Product, ProductSummary, ProductType, StockStatus, Swatch } from "../domain/product.ts";
import type { PriceRange } from "../domain/money.ts";
import { amountField, imageSchema, moneySchema, numberField, parseShape, textField, toMoney, toRelativeUrl } from "./shape.ts";
import { reshapeBreadcrumbs } from "./reshape-category.ts";
import { categoryRefSchema } from "./reshape-category.ts";

const priceSchema = z.object({
  regular_price: moneySchema,
  final_price: moneySchema,
  discount: z.object({ amount_off: amountField.nullish(), percent_off: amountField.nullish() }).nullish(),
});
const priceRangeSchema = z.object({ minimum_price: priceSchema, maximum_price: priceSchema.nullish() });
const stockSchema = z.enum(["IN_STOCK", "OUT_OF_STOCK"]).nullish().transform((value): StockStatus => value ?? "OUT_OF_STOCK");

const summarySchema = z.object({
  __typename: z.string().nullish(),
  id: numberField,
  uid: z.string().min(1),
  sku: z.string().min(1),
  name: z.string().min(1),
  url_key: textField,
  url_suffix: z.string().nullish(),
  canonical_url: z.string().nullish(),
  stock_status: stockSchema,
  small_image: imageSchema.nullish(),
  price_range: priceRangeSchema,
  // Float! and Int! in 2.4.8; a store with reviews disabled still answers 0.
  rating_summary: numberField.nullish(),
  review_count: numberField.nullish(),
});

const swatchSchema = z.object({ __typename: z.string().nullish(), value: z.string().nullish() });
const optionSchema = z.object({
  attribute_code: z.string().min(1),
  label: textField,
  position: numberField.nullish(),
  values: z.array(z.object({ uid: z.string().min(1), label: textField, swatch_data: swatchSchema.nullish() }).nullable()).nullish(),
});
const variantSchema = z.object({
  attributes: z.array(z.object({ code: z.string().min(1), label: textField, uid: z.string().min(1) }).nullable()).nullish(),
  product: z.object({
    id: numberField.nullish(),
    sku: z.string().min(1),
    stock_status: stockSchema,
    small_image: imageSchema.nullish(),
    price_range: priceRangeSchema,
  }).nullish(),
});

const bundleItemSchema = z.object({
  uid: z.string().min(1),
  title: textField,
  required: z.boolean().nullish(),
  type: textField,
  position: numberField.nullish(),
  options: z.array(z.object({
    uid: z.string().min(1), label: textField, quantity: numberField.nullish(), is_default: z.boolean().nullish(),
    price: amountField.nullish(), position: numberField.nullish(),
  }).nullable()).nullish(),
});
const groupedItemSchema = z.object({
  position: numberField.nullish(),
  qty: numberField.nullish(),
  product: z.object({ id: numberField, sku: z.string().min(1), name: z.string().min(1), stock_status: stockSchema, price_range: priceRangeSchema }).nullish(),
});
const downloadableLinkSchema = z.object({ uid: z.string().min(1), title: textField, price: amountField.nullish(), sort_order: numberField.nullish() });

const detailSchema = summarySchema.extend({
  description: z.object({ html: textField }).nullish(),
  short_description: z.object({ html: textField }).nullish(),
  meta_title: z.string().nullish(),
  meta_description: textField,
  special_price: amountField.nullish(),
  media_gallery: z.array(imageSchema.extend({ disabled: z.boolean().nullish() }).nullable()).nullish(),
  categories: z.array(categoryRefSchema.nullable()).nullish(),
  configurable_options: z.array(optionSchema.nullable()).nullish(),
  variants: z.array(variantSchema.nullable()).nullish(),
  bundle_items: z.array(bundleItemSchema.nullable()).nullish(),
  grouped_items: z.array(groupedItemSchema.nullable()).nullish(),
  links_title: z.string().nullish(),
  links_purchased_separately: numberField.nullish(),
  downloadable_product_links: z.array(downloadableLinkSchema.nullable()).nullish(),
});

export type MagentoProductSummary = z.input<typeof summarySchema>;
export type MagentoProduct = z.input<typeof detailSchema>;

const typeNames: Record<string, ProductType> = {
  SimpleProduct: "SIMPLE", ConfigurableProduct: "CONFIGURABLE", BundleProduct: "BUNDLE", GroupedProduct: "GROUPED",
  VirtualProduct: "VIRTUAL", DownloadableProduct: "DOWNLOADABLE", GiftCardProduct: "GIFT_CARD",
};

function reshapePriceRange(raw: z.output<typeof priceRangeSchema>): PriceRange {
  const toPrice = (price: z.output<typeof priceSchema>) => ({
    regular: toMoney(price.regular_price),
    final: toMoney(price.final_price),
    discount: { amountOff: price.discount?.amount_off ?? 0, percentOff: price.discount?.percent_off ?? 0 },
  });
  const min = toPrice(raw.minimum_price);
  return { min, max: raw.maximum_price ? toPrice(raw.maximum_price) : min };
}

function reshapeImage(raw: z.output<typeof imageSchema> | null | undefined, fallbackLabel: string, index = 0): Image | undefined {
  if (!raw) return undefined;
  return { url: raw.url, label: raw.label || fallbackLabel, position: raw.position ?? index };
}

function reshapeSwatch(raw: z.output<typeof swatchSchema> | null | undefined): Swatch | undefined {
  if (!raw?.value) return undefined;
  const kind = raw.__typename === "ColorSwatchData" ? "COLOR" : raw.__typename === "ImageSwatchData" ? "IMAGE" : "TEXT";
  return { kind, value: raw.value };
}

function reshapeSummaryFields(raw: z.output<typeof summarySchema>): ProductSummary {
  const url = raw.canonical_url ? toRelativeUrl(raw.canonical_url) : `/${raw.url_key}${raw.url_suffix ?? ".html"}`;
  return {
    id: raw.id, uid: raw.uid, sku: raw.sku, name: raw.name,
    type: typeNames[raw.__typename ?? ""] ?? "OTHER",
    urlKey: raw.url_key, url,
    image: reshapeImage(raw.small_image, raw.name),
    price: reshapePriceRange(raw.price_range),
    stockStatus: raw.stock_status,
    rating: { summary: raw.rating_summary ?? 0, reviewCount: raw.review_count ?? 0 },
  };
}

export function reshapeProductSummary(raw: unknown): ProductSummary {
  return reshapeSummaryFields(parseShape(summarySchema, raw, "product summary"));
}

function reshapeVariants(raw: z.output<typeof detailSchema>): Product["variants"] {
  return (raw.variants ?? []).flatMap((variant) => {
    if (!variant?.product) return [];
    const attributes = Object.fromEntries((variant.attributes ?? []).flatMap((a) => (a ? [[a.code, { uid: a.uid, label: a.label }]] : [])));
    const { product } = variant;
    return [{ sku: product.sku, attributes, price: reshapePriceRange(product.price_range), stockStatus: product.stock_status, image: reshapeImage(product.small_image, raw.name) }];
  });
}

const byPosition = <T extends { position?: number | null }>(a: T, b: T) => (a.position ?? 0) - (b.position ?? 0);

function reshapeBundleOptions(raw: z.output<typeof detailSchema>): Product["bundleOptions"] {
  return (raw.bundle_items ?? []).flatMap((item) => (item ? [item] : [])).sort(byPosition).map((item) => ({
    uid: item.uid, title: item.title, required: item.required ?? false, type: item.type || "select",
    choices: (item.options ?? []).flatMap((choice) => (choice ? [choice] : [])).sort(byPosition).map((choice) => ({
      uid: choice.uid, label: choice.label, quantity: choice.quantity ?? 1, price: choice.price ?? 0, isDefault: choice.is_default ?? false,
    })),
  }));
}

function reshapeGroupedItems(raw: z.output<typeof detailSchema>): Product["groupedItems"] {
  return (raw.grouped_items ?? []).flatMap((item) => (item?.product ? [item] : [])).sort(byPosition).map(({ qty, product }) => ({
    id: product!.id, sku: product!.sku, name: product!.name, quantity: qty ?? 0, price: reshapePriceRange(product!.price_range), stockStatus: product!.stock_status,
  }));
}

function reshapeDownloadable(raw: z.output<typeof detailSchema>): NonNullable<Product["downloadable"]> {
  const links = (raw.downloadable_product_links ?? []).flatMap((link) => (link ? [link] : []))
    .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))
    .map((link) => ({ uid: link.uid, title: link.title, price: link.price ?? 0 }));
  return { linksTitle: raw.links_title ?? "", linksPurchasedSeparately: (raw.links_purchased_separately ?? 0) === 1, links };
}

export function reshapeProduct(rawInput: unknown): Product {
  const raw = parseShape(detailSchema, rawInput, "product");
  const summary = reshapeSummaryFields(raw);
  const media = (raw.media_gallery ?? []).flatMap((item, index) => (item && !item.disabled ? [reshapeImage(item, raw.name, index)!] : []));
  media.sort((a, b) => a.position - b.position);
  const categories = (raw.categories ?? []).flatMap((c) => (c ? [{ id: c.id, uid: c.uid, name: c.name, urlPath: c.url_path }] : []));
  const options = (raw.configurable_options ?? []).flatMap((option) => option ? [{
    code: option.attribute_code,
    label: option.label,
    values: (option.values ?? []).flatMap((value) => (value ? [{ uid: value.uid, label: value.label, swatch: reshapeSwatch(value.swatch_data) }] : [])),
  }] : []);
  const { image: _image, ...rest } = summary;
  return {
    ...rest,
    descriptionHtml: raw.description?.html ?? "",
    shortDescriptionHtml: raw.short_description?.html ?? "",
    metaTitle: raw.meta_title || raw.name,
    metaDescription: raw.meta_description,
    media: media.length > 0 || !summary.image ? media : [summary.image],
    specialPrice: raw.special_price == null ? undefined : { amount: raw.special_price, currency: summary.price.min.final.currency },
    options,
    variants: reshapeVariants(raw),
    bundleOptions: reshapeBundleOptions(raw),
    groupedItems: reshapeGroupedItems(raw),
    ...(raw.__typename === "DownloadableProduct" ? { downloadable: reshapeDownloadable(raw) } : {}),
    categories,
    breadcrumbs: reshapeBreadcrumbs(raw.categories ?? []),
  };
}

/** Magento's cache tags for a product answer: itself plus its variants (a child's change purges `cat_p_<child>`). */
export function tagsOfProduct(raw: unknown, product: Product): string[] {
  const variants = (raw as { variants?: { product?: { id?: unknown } | null }[] | null }).variants ?? [];
  const childIds = variants.map((variant) => variant.product?.id).filter((id): id is number => typeof id === "number");
  // A grouped product's page shows its items' prices: their changes purge it too.
  return [`cat_p_${product.id}`, ...childIds.map((id) => `cat_p_${id}`), ...product.groupedItems.map((item) => `cat_p_${item.id}`)];
}


