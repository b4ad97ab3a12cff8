import type { Catalog, Product } from "../catalog/types.ts";
import { decodeConfigurableOptionUid, encodeConfigurableOptionUid } from "../catalog/uid.ts";
import { resolveBundleSelections } from "./bundle-lines.ts";
import { resolveGroupedChildren } from "./grouped-lines.ts";
import { InputError, messages, NoSuchEntityError } from "./errors.ts";
import type { AddItemInput, CartItem, SelectedOption } from "./types.ts";

/**
 * Turns an "add to cart" request into a priced cart line, as Magento's quote does for simple,
 * virtual, downloadable and configurable products: a configurable line names its parent
 * (productId, name) and the chosen child (sku, price), plus the chosen option values.
 */
export type NewLine = Omit<CartItem, "id" | "qty" | "rowTotal">;

const lineTypes = new Set(["simple", "virtual", "downloadable", "configurable"]);

/** The lines one request adds: one, or one per chosen child of a grouped product. */
export function resolveLines(catalog: Catalog, input: AddItemInput): { line: NewLine; qty: number }[] {
  checkQty(input.qty);
  const product = catalog.getProductBySku(input.sku);
  if (product?.type === "grouped") {
    return resolveGroupedChildren(catalog, product, input).map(({ child, qty }) => ({
      line: resolveLine(catalog, { sku: child.sku, qty }),
      qty,
    }));
  }
  return [{ line: resolveLine(catalog, input), qty: input.qty }];
}

export function resolveLine(catalog: Catalog, input: AddItemInput): NewLine {
  checkQty(input.qty);
  const product = catalog.getProductBySku(input.sku);
  if (!product) throw new NoSuchEntityError(messages.productNotFound);
  if (input.parentSku) return resolveChildOf(catalog, input.parentSku, product, input.qty);
  if (product.type === "configurable") return resolveConfigurable(catalog, product, readSelection(input), input.qty);
  if (product.type === "bundle") return resolveBundle(catalog, product, input);
  const parent = catalog.getParents(product).find((p) => p.type === "configurable");
  // A configurable's child added by its own sku is bought as that configurable, options implied.
  if (parent) return resolveChildOf(catalog, parent.sku, product, input.qty);
  if (!lineTypes.has(product.type)) {
    throw new InputError('Product type "%1" cannot be added to the sandbox cart.', [product.type], "UNDEFINED");
  }
  checkStock(product, input.qty);
  return {
    sku: product.sku,
    productId: product.id,
    name: product.name,
    productType: product.type as NewLine["productType"],
    price: catalog.getFinalPrice(product),
    selectedOptions: [],
  };
}

export function checkQty(qty: number): void {
  if (!Number.isFinite(qty) || qty <= 0) {
    throw new InputError("Please enter a number greater than 0 in this field.", undefined, "INVALID_PARAMETER_VALUE");
  }
}

function checkStock(product: Product, qty: number): void {
  if (!product.enabled || !product.inStock) {
    throw new InputError("Product that you are trying to add is not available.", undefined, "NOT_SALABLE");
  }
  if (qty > product.qty) throw new InputError("The requested qty is not available", undefined, "INSUFFICIENT_STOCK");
}

function resolveBundle(catalog: Catalog, bundle: Product, input: AddItemInput): NewLine {
  checkStock(bundle, input.qty);
  const selections = resolveBundleSelections(catalog, bundle, input);
  const price = Math.round(selections.reduce((sum, s) => sum + s.price * s.qty, 0) * 100) / 100;
  // Magento's dynamic-sku bundle line: the bundle's sku followed by each chosen child's.
  const sku = [bundle.sku, ...selections.map((s) => s.sku)].join("-");
  return { sku, productId: bundle.id, name: bundle.name, productType: "bundle", price, selectedOptions: [], bundleSelections: selections };
}

function readSelection(input: AddItemInput): { attributeId: number; valueIndex: number }[] {
  const fromUids = (input.selectedOptionUids ?? []).map((uid) => {
    const decoded = decodeConfigurableOptionUid(uid);
    if (!decoded) throw new InputError('Value of uid "%1" is incorrect.', [uid], "INVALID_PARAMETER_VALUE");
    return decoded;
  });
  return [...fromUids, ...(input.configurableOptions ?? [])];
}

function resolveConfigurable(
  catalog: Catalog,
  parent: Product,
  selection: { attributeId: number; valueIndex: number }[],
  qty: number,
): NewLine {
  const options = parent.configurableOptions ?? [];
  const byCode: Record<string, number> = {};
  for (const option of options) {
    const chosen = selection.find((s) => s.attributeId === option.attributeId);
    if (!chosen) throw new InputError("You need to choose options for your item.", undefined, "REQUIRED_PARAMETER_MISSING");
    byCode[option.attributeCode] = chosen.valueIndex;
  }
  const child = catalog.findVariant(parent, byCode);
  if (!child) {
    throw new InputError("You need to choose options for your item.", undefined, "INVALID_PARAMETER_VALUE");
  }
  checkStock(child, qty);
  return {
    sku: child.sku,
    parentSku: parent.sku,
    productId: parent.id,
    childProductId: child.id,
    name: parent.name,
    productType: "configurable",
    price: catalog.getFinalPrice(child),
    selectedOptions: describeOptions(parent, byCode),
  };
}

function resolveChildOf(catalog: Catalog, parentSku: string, child: Product, qty: number): NewLine {
  const parent = catalog.getProductBySku(parentSku);
  if (!parent) throw new NoSuchEntityError(messages.productNotFound);
  const variant = parent.variants?.find((v) => v.productId === child.id);
  if (parent.type !== "configurable" || !variant) {
    throw new InputError('Could not find specified product "%1" in configurable "%2".', [child.sku, parentSku], "PRODUCT_NOT_FOUND");
  }
  const selection = (parent.configurableOptions ?? []).map((o) => ({
    attributeId: o.attributeId,
    valueIndex: variant.attributes[o.attributeCode] ?? -1,
  }));
  return resolveConfigurable(catalog, parent, selection, qty);
}

function describeOptions(parent: Product, byCode: Record<string, number>): SelectedOption[] {
  return (parent.configurableOptions ?? []).map((option) => {
    const valueIndex = byCode[option.attributeCode] ?? -1;
    const value = option.values.find((v) => v.valueIndex === valueIndex);
    return {
      attributeId: option.attributeId,
      attributeCode: option.attributeCode,
      label: option.label,
      valueIndex,
      valueLabel: value?.label ?? String(valueIndex),
      uid: encodeConfigurableOptionUid(option.attributeId, valueIndex),
    };
  });
}
