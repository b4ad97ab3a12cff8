import type { ConfigurableOption, Product } from "../../catalog/types.ts";
import type { GraphQlContext } from "../context.ts";
import { encodeUid } from "../../catalog/uid.ts";
import { toPriceRange } from "./money.ts";
import { toProductView } from "./product-view.ts";
import { toOptionsSelectionView } from "./configurable-selection.ts";

/** Fields only some product types have: configurable options, bundle items, grouped items… */
export function toTypeSpecificFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  switch (product.type) {
    case "configurable":
      return { options: [], ...toConfigurableFields(product, context) };
    case "bundle":
      return { options: [], ...toBundleFields(product, context) };
    case "grouped":
      return toGroupedFields(product, context);
    case "downloadable":
      return { options: [], ...toDownloadableFields(product) };
    default:
      return { options: [] };
  }
}

function toConfigurableFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  return {
    configurable_options: () => (product.configurableOptions ?? []).map((option) => toConfigurableOption(product, option)),
    variants: () => toVariants(product, context),
    configurable_product_options_selection: (args: { configurableOptionValueUids?: string[] | null }) =>
      toOptionsSelectionView(product, args.configurableOptionValueUids ?? [], context),
  };
}

function toBundleFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  return {
    dynamic_price: true, dynamic_sku: true, dynamic_weight: true, price_view: "PRICE_RANGE", ship_bundle_items: "TOGETHER",
    items: () => toBundleItems(product, context),
    price_details: () => {
      // A dynamic-price bundle has no price of its own: the main price is its cheapest build.
      const { minimum } = context.catalog.getPriceRange(product, context.customerGroupId);
      const off = minimum.regular > 0 ? (1 - minimum.final / minimum.regular) * 100 : 0;
      return { main_price: minimum.regular, main_final_price: minimum.final, discount_percentage: Math.round(off * 100) / 100 };
    },
  };
}

function toGroupedFields(product: Product, context: GraphQlContext): Record<string, unknown> {
  return {
    items: () => (product.groupedItems ?? []).flatMap((item) => {
      const child = context.catalog.getProductById(item.productId);
      return child ? [{ position: item.position, qty: item.qty, product: toProductView(child, context) }] : [];
    }),
  };
}

function toDownloadableFields(product: Product): Record<string, unknown> {
  return {
    links_purchased_separately: 0, links_title: "Downloads", downloadable_product_samples: [],
    downloadable_product_links: (product.downloadableLinks ?? []).map((link) => ({
      id: link.id, uid: encodeUid(`downloadable/${link.id}`), title: link.title, price: link.price, sort_order: link.sortOrder,
      // The sample data ships link files without samples; 0 downloads means unlimited.
      sample_url: null, sample_file: null, sample_type: null, link_type: "FILE", is_shareable: false, number_of_downloads: 0,
    })),
  };
}

function toConfigurableOption(product: Product, option: ConfigurableOption) {
  return {
    id: option.id, uid: encodeUid(`configurable/${product.id}/${option.attributeId}`),
    attribute_id: String(option.attributeId), attribute_id_v2: option.attributeId,
    attribute_uid: encodeUid(`catalog_product/${option.attributeCode}`), attribute_code: option.attributeCode,
    label: option.label, position: option.position, product_id: product.id, use_default: false,
    values: option.values.map((value) => ({
      value_index: value.valueIndex, uid: value.uid, label: value.label, default_label: value.label,
      store_label: value.label, use_default_value: true,
      swatch_data: value.swatch ? { __typename: value.swatch.type === 1 ? "ColorSwatchData" : "TextSwatchData", value: value.swatch.value } : null,
    })),
  };
}

function toVariants(product: Product, context: GraphQlContext) {
  const options = product.configurableOptions ?? [];
  return (product.variants ?? []).flatMap((variant) => {
    const child = context.catalog.getProductById(variant.productId);
    if (!child) return [];
    const attributes = options.map((option) => {
      const valueIndex = variant.attributes[option.attributeCode] ?? 0;
      const value = option.values.find((v) => v.valueIndex === valueIndex);
      return { code: option.attributeCode, label: value?.label ?? null, value_index: valueIndex, uid: value?.uid ?? encodeUid(`configurable/${option.attributeId}/${valueIndex}`) };
    });
    return [{ attributes, product: toProductView(child, context) }];
  });
}

function toBundleItems(product: Product, context: GraphQlContext) {
  const { catalog } = context;
  return (product.bundleOptions ?? []).map((option) => ({
    option_id: option.id, uid: encodeUid(`bundle/${option.id}`), title: option.title, required: option.required,
    type: option.type, position: option.position, sku: product.sku,
    price_range: () => {
      const prices = option.selections.map((s) => catalog.getProductById(s.productId)).filter((p): p is Product => p !== undefined).map((p) => catalog.getFinalPrice(p, context.customerGroupId));
      const min = Math.min(...prices);
      const max = Math.max(...prices);
      return toPriceRange({ minimum: { regular: min, final: min }, maximum: { regular: max, final: max } }, context.currency);
    },
    options: option.selections.flatMap((selection) => {
      const child = catalog.getProductById(selection.productId);
      if (!child) return [];
      return [{
        id: selection.id, uid: encodeUid(`bundle/${option.id}/${selection.id}/${selection.qty}`), label: child.name,
        quantity: selection.qty, qty: selection.qty, position: selection.position, is_default: selection.isDefault,
        price: catalog.getFinalPrice(child, context.customerGroupId), price_type: "FIXED", can_change_quantity: true, product: toProductView(child, context),
      }];
    }),
  }));
}
