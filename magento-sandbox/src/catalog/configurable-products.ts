import type { ConfigurableOption, Product } from "./types.ts";
import type { LoadContext } from "./simple-products.ts";
import type { CsvRow } from "./csv.ts";
import { readCsv, splitValues } from "./csv.ts";
import { addMedia, createProduct, parseNumber, parseVisibility, resolveCategoryLines, resolveCategoryPaths } from "./product-base.ts";
import { encodeConfigurableOptionUid } from "./uid.ts";

const IGNORED_ATTRIBUTES = new Set(["has_options", "required_options"]);

/**
 * ConfigurableSampleData/products.csv: Magento import format, children before their parent.
 * Returns every row as a product, parents linked to children through `configurable_variations`.
 */
export function loadConfigurableProducts(context: LoadContext, bySku: Map<string, Product>): Product[] {
  const products: Product[] = [];
  let superAttributeId = 1;
  for (const row of readCsv(context.dir, "ConfigurableSampleData/products.csv")) {
    const product = createImportProduct(context, row);
    products.push(product);
    bySku.set(product.sku, product);
    if (product.type !== "configurable") continue;
    const variations = parseVariations(row.configurable_variations ?? "");
    const codes = [...new Set(variations.flatMap((v) => Object.keys(v).filter((k) => k !== "sku")))];
    product.configurableOptions = codes.map((code, position) => {
      const attribute = context.attributes.get(code);
      return { id: superAttributeId++, attributeId: attribute?.id ?? 0, attributeCode: code, label: attribute?.label ?? code, position, values: [] };
    });
    product.variants = [];
    for (const variation of variations) {
      const child = bySku.get(variation.sku ?? "");
      if (!child) continue;
      child.parentIds.push(product.id);
      const selection: Record<string, number> = {};
      for (const option of product.configurableOptions) {
        const valueIndex = Number(child.attributes[option.attributeCode]?.[0]);
        selection[option.attributeCode] = valueIndex;
        addOptionValue(context, option, valueIndex);
      }
      product.variants.push({ productId: child.id, attributes: selection });
    }
    sortOptionValues(context, product.configurableOptions);
  }
  return products;
}

function createImportProduct(context: LoadContext, row: CsvRow): Product {
  const product = createProduct({
    id: context.nextId(), sku: row.sku ?? "", type: row.product_type === "configurable" ? "configurable" : "simple",
    name: row.name ?? "", attributeSetName: row.attribute_set_code, urlKey: row.url_key,
    price: parseNumber(row.price), specialPrice: parseNumber(row.special_price), qty: parseNumber(row.qty),
  });
  product.description = row.description ?? "";
  product.shortDescription = row.short_description ?? "";
  product.metaTitle = row.meta_title ?? "";
  product.metaKeyword = row.meta_keywords ?? "";
  product.metaDescription = row.meta_description ?? "";
  product.weight = parseNumber(row.weight);
  product.visibility = parseVisibility(row.visibility);
  product.enabled = row.product_online !== "0";
  product.inStock = row.is_in_stock !== "0";
  product.categoryIds = (row.categories ?? "").includes("/")
    ? resolveCategoryPaths(context.tree, row.categories ?? "")
    : resolveCategoryLines(context.tree, splitValues(row.categories));
  for (const [code, value] of parseAdditionalAttributes(row.additional_attributes ?? "")) {
    if (IGNORED_ATTRIBUTES.has(code) || !context.attributes.get(code)) continue;
    product.attributes[code] = context.attributes.resolve(code, value.split("|"));
  }
  addMedia(product, [row.base_image ?? "", row.small_image ?? "", ...splitValues(row.additional_images, /,/)], row.base_image_label || product.name);
  return product;
}

/** "has_options=1,material=Wool,climate=All-weather|Cool" → entries (values may hold commas). */
function parseAdditionalAttributes(cell: string): [string, string][] {
  return cell.split(/,(?=[a-z_0-9]+=)/).filter((p) => p.includes("=")).map((pair) => {
    const at = pair.indexOf("=");
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

function parseVariations(cell: string): Record<string, string>[] {
  return splitValues(cell, /\|/).map((variation) => Object.fromEntries(parseAdditionalAttributes(variation)));
}

function addOptionValue(context: LoadContext, option: ConfigurableOption, valueIndex: number): void {
  if (!Number.isFinite(valueIndex) || option.values.some((v) => v.valueIndex === valueIndex)) return;
  const attributeOption = context.attributes.get(option.attributeCode)?.options.find((o) => o.id === String(valueIndex));
  option.values.push({
    valueIndex, label: attributeOption?.label ?? String(valueIndex),
    uid: encodeConfigurableOptionUid(option.attributeId, valueIndex),
    ...(attributeOption?.swatch ? { swatch: attributeOption.swatch } : {}),
  });
}

/** Values follow the attribute's option order (XS, S, M… not first-seen order). */
function sortOptionValues(context: LoadContext, options: ConfigurableOption[]): void {
  for (const option of options) {
    const order = context.attributes.get(option.attributeCode)?.options ?? [];
    const rank = (valueIndex: number) => order.findIndex((o) => o.id === String(valueIndex));
    option.values.sort((a, b) => rank(a.valueIndex) - rank(b.valueIndex));
  }
}
