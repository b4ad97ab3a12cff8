import type { Catalog, Category, Product } from "../catalog/types.ts";

/** Reshapes catalog entities into catalog-data-product-interface / category interfaces. */
export const formatDate = (iso: string): string => iso.slice(0, 19).replace("T", " ");

const attributeSetIds: Record<string, number> = { Default: 4 };

function attributeSetId(name: string): number {
  // Luma's extra sets get ids after the stock ones, in order of first sight: stable per process.
  attributeSetIds[name] ??= 9 + Object.keys(attributeSetIds).length - 1;
  return attributeSetIds[name];
}

function customAttributes(product: Product): { attribute_code: string; value: string }[] {
  const pairs: [string, string | undefined][] = [
    ["description", product.description],
    ["short_description", product.shortDescription],
    ["url_key", product.urlKey],
    ["meta_title", product.metaTitle],
    ["meta_keyword", product.metaKeyword],
    ["meta_description", product.metaDescription],
    ["special_price", product.specialPrice?.toFixed(6)],
    ["image", product.media.find((m) => m.roles.includes("image"))?.file],
    ["small_image", product.media.find((m) => m.roles.includes("small_image"))?.file],
    ["thumbnail", product.media.find((m) => m.roles.includes("thumbnail"))?.file],
    ["options_container", "container2"],
    ["required_options", product.type === "configurable" ? "1" : "0"],
    ["has_options", product.type === "configurable" ? "1" : "0"],
    ["tax_class_id", "2"],
  ];
  for (const [code, optionIds] of Object.entries(product.attributes)) pairs.push([code, optionIds.join(",")]);
  return pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== "").map(([attribute_code, value]) => ({ attribute_code, value }));
}

export function shapeProduct(catalog: Catalog, product: Product) {
  const shaped: Record<string, unknown> = {
    id: product.id,
    sku: product.sku,
    name: product.name,
    attribute_set_id: attributeSetId(product.attributeSetName),
    price: product.price,
    status: product.enabled ? 1 : 2,
    visibility: product.visibility,
    type_id: product.type,
    created_at: formatDate(product.createdAt),
    updated_at: formatDate(product.updatedAt),
    extension_attributes: {
      website_ids: [1],
      category_links: product.categoryIds
        .filter((id) => (catalog.getCategoryById(id)?.level ?? 0) >= 2)
        .map((id, position) => ({ position, category_id: String(id) })),
      ...configurableExtension(product),
    },
    product_links: [],
    options: [],
    media_gallery_entries: product.media.map((image, index) => ({
      id: product.id * 100 + index,
      media_type: "image",
      label: image.label || null,
      position: image.position,
      disabled: false,
      types: image.roles,
      file: image.file,
    })),
    tier_prices: [],
    custom_attributes: customAttributes(product),
  };
  if (product.weight !== undefined) shaped.weight = product.weight;
  return shaped;
}

function configurableExtension(product: Product) {
  if (product.type !== "configurable") return {};
  return {
    configurable_product_options: (product.configurableOptions ?? []).map((option) => ({
      id: option.id,
      attribute_id: String(option.attributeId),
      label: option.label,
      position: option.position,
      values: option.values.map((v) => ({ value_index: v.valueIndex })),
      product_id: product.id,
    })),
    configurable_product_links: (product.variants ?? []).map((v) => v.productId),
  };
}

/** Reads a product field for searchCriteria: columns, `category_id`, or an attribute code. */
export function readProductField(product: Product, field: string): unknown {
  switch (field) {
    case "entity_id": case "id": return product.id;
    case "sku": return product.sku;
    case "name": return product.name;
    case "price": return product.price;
    case "type_id": return product.type;
    case "status": return product.enabled ? 1 : 2;
    case "visibility": return product.visibility;
    case "url_key": return product.urlKey;
    case "category_id": return product.categoryIds;
    case "created_at": return product.createdAt;
    case "updated_at": return product.updatedAt;
    case "special_price": return product.specialPrice;
    default: return product.attributes[field];
  }
}

/** The fields a category and a category-tree node share. */
function shapeCategoryBase(category: Category) {
  return {
    id: category.id, parent_id: category.parentId, name: category.name, is_active: category.isActive,
    position: category.position, level: category.level,
  };
}

export function shapeCategory(category: Category) {
  return {
    ...shapeCategoryBase(category),
    children: category.childrenIds.join(","),
    created_at: formatDate("2024-03-06T00:00:00Z"),
    updated_at: formatDate("2024-03-06T00:00:00Z"),
    path: category.path.join("/"),
    available_sort_by: [],
    include_in_menu: category.includeInMenu,
    custom_attributes: [
      { attribute_code: "url_key", value: category.urlKey },
      { attribute_code: "url_path", value: category.urlPath },
      { attribute_code: "display_mode", value: category.displayMode },
      { attribute_code: "is_anchor", value: category.isAnchor ? "1" : "0" },
      ...(category.description ? [{ attribute_code: "description", value: category.description }] : []),
    ].filter((a) => a.value !== ""),
  };
}

export interface CategoryTree {
  id: number;
  parent_id: number;
  name: string;
  is_active: boolean;
  position: number;
  level: number;
  product_count: number;
  children_data: CategoryTree[];
}

export function shapeCategoryTree(catalog: Catalog, category: Category, depth: number | undefined): CategoryTree {
  const children = depth === 0 ? [] : catalog.getChildren(category.id);
  return {
    ...shapeCategoryBase(category),
    product_count: catalog.countProductsInCategory(category.id),
    children_data: children.map((child) => shapeCategoryTree(catalog, child, depth === undefined ? undefined : depth - 1)),
  };
}
