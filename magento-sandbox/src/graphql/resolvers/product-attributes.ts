import type { Catalog, Product } from "../../catalog/types.ts";

/**
 * The Luma attributes the 2.4.8 schema exposes as product fields: select and boolean as the
 * option id (Int), multiselect as comma-separated option ids (String); null when unset.
 */
export function toAttributeFields(catalog: Catalog, product: Product): Record<string, unknown> {
  const fields: Record<string, unknown> = { purpose: null };
  for (const attribute of catalog.attributes) {
    const values = product.attributes[attribute.code];
    if (!values || values.length === 0) fields[attribute.code] = null;
    else if (attribute.input === "multiselect") fields[attribute.code] = values.join(",");
    else fields[attribute.code] = Number(values[0]);
  }
  return fields;
}

/** custom_attributesV2: the product's attribute values, options with their labels. */
export function toCustomAttributes(catalog: Catalog, product: Product) {
  const items: Record<string, unknown>[] = [];
  for (const [code, values] of Object.entries(product.attributes)) {
    const attribute = catalog.getAttribute(code);
    if (!attribute || values.length === 0) continue;
    items.push({
      __typename: "AttributeSelectedOptions",
      code,
      selected_options: values.map((value) => ({
        __typename: "AttributeSelectedOption", label: catalog.getOptionLabel(code, value) ?? value, value,
      })),
    });
  }
  return { items, errors: [] };
}
