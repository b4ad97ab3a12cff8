import type { MediaImage, Product, ProductType, Visibility } from "./types.ts";
import type { CategoryTree } from "./categories.ts";
import { encodeUid, } from "./uid.ts";
import { formatUrlKey } from "./csv.ts";

/** Deterministic timestamps: the sample data's commit date. */
export const SAMPLE_DATA_TIME = "2024-03-06 00:00:00";

const VISIBILITY: Record<string, Visibility> = {
  "not visible individually": 1, catalog: 2, search: 3, "catalog, search": 4,
};

export interface ProductSeed {
  id: number;
  sku: string;
  type: ProductType;
  name: string;
  attributeSetName?: string;
  urlKey?: string;
  price?: number;
  specialPrice?: number;
  qty?: number;
}

/** A product with Magento's defaults; loaders fill in the rest. */
export function createProduct(seed: ProductSeed): Product {
  return {
    id: seed.id, uid: encodeUid(seed.id), sku: seed.sku, type: seed.type,
    attributeSetName: seed.attributeSetName || "Default", name: seed.name.trim(),
    urlKey: seed.urlKey || formatUrlKey(seed.name), description: "", shortDescription: "",
    metaTitle: "", metaKeyword: "", metaDescription: "", price: seed.price ?? 0,
    ...(seed.specialPrice !== undefined && seed.specialPrice < (seed.price ?? 0) ? { specialPrice: seed.specialPrice } : {}),
    visibility: 4, enabled: true, qty: seed.qty ?? 100, inStock: true, categoryIds: [], attributes: {},
    media: [], parentIds: [], reviews: [], relatedSkus: [], upsellSkus: [], crosssellSkus: [],
    createdAt: SAMPLE_DATA_TIME, updatedAt: SAMPLE_DATA_TIME,
  };
}

/** "Catalog, Search" or "4" → 4; default 4. */
export function parseVisibility(value: string | undefined): Visibility {
  if (!value) return 4;
  if (/^[1-4]$/.test(value)) return Number(value) as Visibility;
  return VISIBILITY[value.trim().toLowerCase()] ?? 4;
}

export function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Adds images in order; the first gets the image/small_image/thumbnail roles. */
export function addMedia(product: Product, files: string[], label = product.name): void {
  for (const file of files) {
    if (!file || product.media.some((m) => m.file === file)) continue;
    const roles = product.media.length === 0 ? ["image", "small_image", "thumbnail", "swatch_image"] : [];
    product.media.push({ file, label, position: product.media.length + 1, roles } satisfies MediaImage);
  }
}

/**
 * Resolves the simple-product CSV form, one name a line ("Gear\nBags\nCollections\nErin
 * Recommends"): each name extends the current path when it is a child, else starts a new one.
 */
export function resolveCategoryLines(tree: CategoryTree, names: string[]): number[] {
  const ids: number[] = [];
  let current = "";
  for (const name of names) {
    const nested = current ? `${current}/${name}` : name;
    const path = tree.byNamePath.has(nested) ? nested : name;
    const category = tree.byNamePath.get(path);
    if (!category) continue;
    current = path;
    ids.push(category.id);
  }
  return [...new Set(ids)];
}

/** Resolves the import form "Default Category/Men/Tops,Default Category/Collections/Eco Friendly". */
export function resolveCategoryPaths(tree: CategoryTree, cell: string): number[] {
  const ids: number[] = [];
  for (const fullPath of cell.split(",")) {
    const path = fullPath.trim().replace(/^Default Category\/?/, "");
    const category = path ? tree.byNamePath.get(path) : undefined;
    if (category) ids.push(category.id);
  }
  return [...new Set(ids)];
}
