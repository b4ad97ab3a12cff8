import { Router } from "express";
import type { Catalog } from "../catalog/types.ts";
import type { Commerce } from "../commerce/types.ts";
import { requireAdmin } from "./auth.ts";
import { readProductField, shapeCategory, shapeCategoryTree, shapeProduct } from "./catalog-shapes.ts";
import { handle, noSuchEntity, readField, RestError } from "./respond.ts";
import { applySearchCriteria, parseSearchCriteria } from "./search-criteria.ts";

/**
 * Products and categories. Magento 2.4 ships "Allow Anonymous Guest Access" off, so these
 * admin-schema endpoints need an admin token, as on a stock store.
 */
export function createCatalogRoutes(catalog: Catalog, commerce: Commerce): Router {
  const router = Router();
  const products = "Magento_Catalog::products";
  const categories = "Magento_Catalog::categories";

  router.get("/V1/products/:sku", handle((req) => {
    requireAdmin(commerce, req, products);
    const product = catalog.getProductBySku(String(req.params.sku));
    if (!product) throw new RestError(404, "The product that was requested doesn't exist. Verify the product and try again.");
    return shapeProduct(catalog, product);
  }));
  // Only the price and url_key can change, through setPrice / setUrlKey, so purges (and the old URL's 301) follow.
  router.put("/V1/products/:sku", handle((req) => {
    requireAdmin(commerce, req, products);
    const sku = String(req.params.sku);
    const product = catalog.getProductBySku(sku);
    if (!product) throw new RestError(404, "The product that was requested doesn't exist. Verify the product and try again.");
    const changes = readField<Record<string, unknown>>(req.body, "product");
    const update = readProductUpdate(sku, changes);
    if (update.price !== undefined) catalog.setPrice(sku, update.price);
    if (update.urlKey !== undefined) {
      const owner = catalog.getProductByUrlKey(update.urlKey);
      if (owner && owner !== product) throw new RestError(400, "URL key for specified store already exists.");
      catalog.setUrlKey(sku, update.urlKey);
    }
    return shapeProduct(catalog, product);
  }));
  router.get("/V1/products", handle((req) => {
    requireAdmin(commerce, req, products);
    const criteria = parseSearchCriteria(new URL(req.originalUrl, "http://x").searchParams);
    const { items, total } = applySearchCriteria(catalog.products, criteria, readProductField);
    return { items: items.map((p) => shapeProduct(catalog, p)), search_criteria: criteria, total_count: total };
  }));
  router.get("/V1/categories", handle((req) => {
    requireAdmin(commerce, req, categories);
    const rootId = req.query.rootCategoryId === undefined ? catalog.rootCategoryId : Number(req.query.rootCategoryId);
    const root = catalog.getCategoryById(rootId);
    if (!root) throw noSuchEntity("id", String(req.query.rootCategoryId));
    const depth = req.query.depth === undefined ? undefined : Number(req.query.depth);
    return shapeCategoryTree(catalog, root, depth);
  }));
  router.get("/V1/categories/:categoryId", handle((req) => {
    requireAdmin(commerce, req, categories);
    const category = catalog.getCategoryById(Number(req.params.categoryId));
    if (!category) throw noSuchEntity("id", String(req.params.categoryId));
    return shapeCategory(category);
  }));
  return router;
}

/** The parts of a product save the sandbox applies; anything else is refused rather than ignored. */
function readProductUpdate(sku: string, changes: Record<string, unknown>): { price?: number; urlKey?: string } {
  const unsupported = Object.keys(changes).filter((key) => !["sku", "price", "custom_attributes"].includes(key));
  const attributes = Array.isArray(changes.custom_attributes) ? (changes.custom_attributes as { attribute_code?: unknown; value?: unknown }[]) : [];
  unsupported.push(...attributes.filter((a) => a.attribute_code !== "url_key").map((a) => `custom_attributes.${String(a.attribute_code)}`));
  if (unsupported.length > 0) throw new RestError(400, "The sandbox can change only a product's price and url_key, not: %1", [unsupported.join(", ")]);
  if (changes.sku !== undefined && changes.sku !== sku) throw new RestError(400, "The sandbox cannot change a product's sku.");
  const { price } = changes;
  if (price !== undefined && (typeof price !== "number" || !Number.isFinite(price) || price < 0)) {
    throw new RestError(400, 'Invalid value of "%value" provided for the %fieldName field.', { value: String(price), fieldName: "price" });
  }
  const urlKey = attributes.find((a) => a.attribute_code === "url_key")?.value;
  if (urlKey !== undefined && (typeof urlKey !== "string" || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(urlKey))) {
    throw new RestError(400, 'Invalid value of "%value" provided for the %fieldName field.', { value: String(urlKey), fieldName: "url_key" });
  }
  return { ...(price !== undefined ? { price: price as number } : {}), ...(urlKey !== undefined ? { urlKey: urlKey as string } : {}) };
}
