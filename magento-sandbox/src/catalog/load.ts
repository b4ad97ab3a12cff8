import type { Attribute, Category, CmsBlock, CmsPage, Product } from "./types.ts";
import { loadAttributes } from "./attributes.ts";
import { loadCategories } from "./categories.ts";
import { loadSimpleProducts, type LoadContext } from "./simple-products.ts";
import { loadConfigurableProducts } from "./configurable-products.ts";
import { loadCompositeProducts, loadProductLinks } from "./composite-products.ts";
import { loadCmsBlocks, loadCmsPages } from "./cms.ts";
import { applyCatalogRules } from "./catalog-rules.ts";
import { loadReviews } from "./reviews.ts";
import { SampleDataError } from "../errors.ts";
import { SAMPLE_DATA_DIR } from "../data-files.ts";

/** The sample data in the repository (magento-sandbox/data/sample-data). */
export const DEFAULT_SAMPLE_DATA_DIR = SAMPLE_DATA_DIR;

/** Everything read from the sample data; plain arrays, before indexing. */
export interface CatalogData {
  products: Product[];
  categories: Category[];
  attributes: Attribute[];
  cmsPages: CmsPage[];
  cmsBlocks: CmsBlock[];
  rootCategoryId: number;
}

/**
 * Reads the Luma sample data. Product ids follow Magento's install order: gear simples, bundle,
 * grouped, downloadable, then the configurable catalogue (children before parents).
 */
export function loadCatalogData(dir: string = DEFAULT_SAMPLE_DATA_DIR): CatalogData {
  const tree = loadCategories(dir);
  const attributes = loadAttributes(dir);
  let id = 1;
  const context: LoadContext = { dir, tree, attributes, nextId: () => id++ };
  const simple = loadSimpleProducts(context);
  const bySku = new Map(simple.map((p) => [p.sku, p]));
  const composite = loadCompositeProducts(context, bySku);
  for (const product of composite) bySku.set(product.sku, product);
  const configurable = loadConfigurableProducts(context, bySku);
  loadProductLinks(dir, bySku);
  loadReviews(dir, bySku);
  const products = [...simple, ...composite, ...configurable];
  applyCatalogRules(dir, products, tree.categories);
  if (products.length === 0) throw new SampleDataError(`No products found in ${dir}`);
  return {
    products, categories: tree.categories, attributes: attributes.attributes,
    cmsPages: loadCmsPages(dir), cmsBlocks: loadCmsBlocks(dir), rootCategoryId: tree.rootCategoryId,
  };
}
