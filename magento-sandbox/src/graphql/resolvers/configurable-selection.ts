import type { Product } from "../../catalog/types.ts";
import type { GraphQlContext } from "../context.ts";
import { decodeConfigurableOptionUid } from "../../catalog/uid.ts";
import { GraphQlInputError } from "../../errors.ts";
import { toMediaGallery } from "./product-media.ts";
import { toProductView } from "./product-view.ts";

/**
 * configurable_product_options_selection: given chosen option value uids, which values can
 * still be combined with them (an enabled, in-stock child exists), the variant once every
 * option is chosen, and the gallery of the first child that fits the choice so far.
 */
export function toOptionsSelectionView(product: Product, uids: string[], context: GraphQlContext): Record<string, unknown> {
  const options = product.configurableOptions ?? [];
  const chosen: Record<string, number> = {};
  for (const uid of uids) {
    const decoded = decodeConfigurableOptionUid(uid);
    const option = decoded && options.find((o) => o.attributeId === decoded.attributeId && o.values.some((v) => v.valueIndex === decoded.valueIndex));
    if (!decoded || !option) throw new GraphQlInputError(`configurableOptionValueUids values are invalid: "${uid}"`);
    chosen[option.attributeCode] = decoded.valueIndex;
  }
  const children = (product.variants ?? []).filter((v) => {
    const child = context.catalog.getProductById(v.productId);
    return child?.enabled && child.inStock;
  });
  const fits = (selection: Record<string, number>) => children.filter((v) => Object.entries(selection).every(([code, value]) => v.attributes[code] === value));
  const availableFor = (code: string) => new Set(fits(Object.fromEntries(Object.entries(chosen).filter(([c]) => c !== code))).map((v) => v.attributes[code]));
  const matching = fits(chosen);
  const complete = options.every((o) => chosen[o.attributeCode] !== undefined);
  const variant = complete && matching[0] ? context.catalog.getProductById(matching[0].productId) : undefined;
  const gallerySource = matching[0] ? context.catalog.getProductById(matching[0].productId) ?? product : product;
  return {
    configurable_options: options.map((option) => {
      const available = availableFor(option.attributeCode);
      return {
        attribute_code: option.attributeCode, label: option.label, uid: Buffer.from(`configurable/${product.id}/${option.attributeId}`).toString("base64"),
        values: option.values.map((value) => ({
          uid: value.uid, label: value.label, is_use_default: true, is_available: available.has(value.valueIndex),
          swatch: value.swatch ? { __typename: value.swatch.type === 1 ? "ColorSwatchData" : "TextSwatchData", value: value.swatch.value } : null,
        })),
      };
    }),
    options_available_for_selection: options.map((option) => ({
      attribute_code: option.attributeCode,
      option_value_uids: option.values.filter((v) => availableFor(option.attributeCode).has(v.valueIndex)).map((v) => v.uid),
    })),
    variant: variant ? toProductView(variant, context) : null,
    media_gallery: toMediaGallery(gallerySource.media.length > 0 ? gallerySource : product, context.baseUrl),
  };
}
