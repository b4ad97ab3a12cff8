import type { Product } from "./types.ts";
import type { AttributeRegistry } from "./attributes.ts";
import type { CategoryTree } from "./categories.ts";
import { readCsv, splitValues, type CsvRow } from "./csv.ts";
import { addMedia, createProduct, parseNumber, parseVisibility, resolveCategoryLines } from "./product-base.ts";

const SIMPLE_FILES = [
  ["products_gear_bags.csv", "images_gear_bags.csv"],
  ["products_gear_fitness_equipment.csv", "images_gear_fitness_equipment.csv"],
  ["products_gear_fitness_equipment_ball.csv", "images_gear_fitness_equipment.csv"],
  ["products_gear_fitness_equipment_strap.csv", "images_gear_fitness_equipment.csv"],
  ["products_gear_watches.csv", "images_gear_watches.csv"],
] as const;

/** Columns of the module CSVs that are not attribute values. */
const PLAIN_COLUMNS = new Set([
  "category", "name", "sku", "price", "qty", "description", "short_description", "meta_description",
  "special_price", "attribute_set", "visibility", "url_key", "bundle_options", "associated_sku",
  "samples_title", "links_title", "links_purchased_separately",
]);

export interface LoadContext {
  dir: string;
  tree: CategoryTree;
  attributes: AttributeRegistry;
  nextId: () => number;
}

/** CatalogSampleData simple products (gear: bags, fitness equipment, watches). */
export function loadSimpleProducts(context: LoadContext): Product[] {
  const products: Product[] = [];
  for (const [productFile, imageFile] of SIMPLE_FILES) {
    const images = readImages(context.dir, `CatalogSampleData/SimpleProduct/${imageFile}`);
    for (const row of readCsv(context.dir, `CatalogSampleData/SimpleProduct/${productFile}`)) {
      const product = createModuleProduct(context, row, "simple");
      addMedia(product, images.get(product.sku) ?? []);
      products.push(product);
    }
  }
  return products;
}

/** A product from a sample module's own CSV shape (simple, bundle, grouped, downloadable). */
export function createModuleProduct(context: LoadContext, row: CsvRow, type: Product["type"]): Product {
  const product = createProduct({
    id: context.nextId(), sku: row.sku ?? "", type, name: row.name ?? "",
    attributeSetName: row.attribute_set, urlKey: row.url_key,
    price: parseNumber(row.price), specialPrice: parseNumber(row.special_price), qty: parseNumber(row.qty),
  });
  product.description = row.description ?? "";
  product.shortDescription = row.short_description ?? "";
  product.metaDescription = row.meta_description ?? "";
  product.visibility = parseVisibility(row.visibility);
  product.categoryIds = resolveCategoryLines(context.tree, splitValues(row.category));
  for (const [column, cell] of Object.entries(row)) {
    if (PLAIN_COLUMNS.has(column) || !context.attributes.get(column)) continue;
    const values = splitValues(cell);
    if (values.length > 0) product.attributes[column] = context.attributes.resolve(column, values);
  }
  return product;
}

/** sku → image files, in file order. */
export function readImages(dir: string, file: string): Map<string, string[]> {
  const images = new Map<string, string[]>();
  for (const row of readCsv(dir, file, { optional: true })) {
    const sku = row.sku ?? "";
    images.set(sku, [...(images.get(sku) ?? []), ...splitValues(row.image)]);
  }
  return images;
}
