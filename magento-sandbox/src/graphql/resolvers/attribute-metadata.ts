import type { Attribute } from "../../catalog/types.ts";
import type { GraphQlContext, ResolverMap } from "../context.ts";
import { toStoreConfigView } from "./store-config.ts";

const SWATCH_INPUT: Record<string, string> = { color: "VISUAL", size: "TEXT" };

/** CatalogAttributeMetadata for a Luma product attribute. */
function toAttributeMetadataView(attribute: Attribute): Record<string, unknown> {
  const flag = (name: string) => attribute.flags[name] ?? false;
  return {
    __typename: "CatalogAttributeMetadata",
    code: attribute.code, label: attribute.label, entity_type: "CATALOG_PRODUCT",
    frontend_input: attribute.input.toUpperCase(), frontend_class: null, default_value: null, is_required: false, is_unique: false,
    options: attribute.options.map((o) => ({ __typename: "AttributeOptionMetadata", label: o.label, value: o.id, is_default: false })),
    is_filterable: attribute.filterable, is_filterable_in_search: flag("is_filterable_in_search"), is_searchable: flag("is_searchable"),
    is_comparable: flag("is_comparable"), is_visible_on_front: flag("is_visible_on_front"), is_html_allowed_on_front: flag("is_html_allowed_on_front"),
    is_visible_in_advanced_search: flag("is_visible_in_advanced_search"), is_used_for_promo_rules: flag("is_used_for_promo_rules"),
    used_in_product_listing: flag("used_in_product_listing"), is_used_for_price_rules: false, is_wysiwyg_enabled: false,
    swatch_input_type: SWATCH_INPUT[attribute.code] ?? (attribute.input === "multiselect" ? "MULTISELECT" : attribute.input === "boolean" ? "BOOLEAN" : "DROPDOWN"),
    apply_to: null, update_product_preview_image: attribute.code === "color", use_product_image_for_swatch: false,
  };
}

/** EAV attribute metadata (2.4.7+ API) for product attributes, and the store list. */
export const attributeMetadataResolvers: ResolverMap = {
  "Query.customAttributeMetadataV2": (_source, args, context) => {
    const requested = ((args as { attributes?: { attribute_code?: string | null; entity_type?: string | null }[] | null }).attributes ?? []);
    const items: Record<string, unknown>[] = [];
    const errors: { type: string; message: string }[] = [];
    for (const { attribute_code: code, entity_type: entityType } of requested) {
      const type = (entityType ?? "catalog_product").toLowerCase();
      const attribute = type === "catalog_product" && code ? context.catalog.getAttribute(code) : undefined;
      if (type !== "catalog_product") errors.push({ type: "ENTITY_NOT_FOUND", message: `Entity "${entityType}" could not be found.` });
      else if (!attribute) errors.push({ type: "ATTRIBUTE_NOT_FOUND", message: `Attribute code "${code}" could not be found.` });
      else items.push(toAttributeMetadataView(attribute));
    }
    return { items, errors };
  },
  "Query.attributesList": (_source, args, context) => {
    const { entityType, filters } = args as { entityType: string; filters?: Record<string, boolean | null> | null };
    if (entityType !== "CATALOG_PRODUCT") return { items: [], errors: [] };
    const wanted = Object.entries(filters ?? {}).filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean");
    const matches = context.catalog.attributes.filter((attribute) => wanted.every(([name, value]) => (name === "is_filterable" ? attribute.filterable : attribute.flags[name] ?? false) === value));
    return { items: matches.map(toAttributeMetadataView), errors: [] };
  },
  "Query.availableStores": (_source, _args, context: GraphQlContext) => [toStoreConfigView(context)],
};
