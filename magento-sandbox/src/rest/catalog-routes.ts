import { Router } from "express";
import type { Catalog } from "../catalog/types.ts";
import type { Commerce } from "../commerce/types.ts";
import { requireAdmin } from "./auth.ts";
import { readProductField, shapeCategory, shapeCategoryTree, shapeProduct } from "./catalog-shapes.ts";
import { handle, noSuchEntity, RestError } from "./respond.ts";
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
