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
  // Only the price can change: it goes through setPrice, so cache purges fire as Magento's would.
  router.put("/V1/products/:sku", handle((req) => {
    requireAdmin(commerce, req, products);
    const sku = String(req.params.sku);
    const product = catalog.getProductBySku(sku);
    if (!product) throw new RestError(404, "The product that was requested doesn't exist. Verify the product and try again.");
    const changes = readField<Record<string, unknown>>(req.body, "product");
    const unsupported = Object.keys(changes).filter((key) => key !== "sku" && key !== "price");
    if (unsupported.length > 0) throw new RestError(400, "The sandbox can change only a product's price, not: %1", [unsupported.join(", ")]);
    if (changes.sku !== undefined && changes.sku !== sku) throw new RestError(400, "The sandbox cannot change a product's sku.");
    if (changes.price !== undefined) {
      if (typeof changes.price !== "number" || !Number.isFinite(changes.price) || changes.price < 0) {
        throw new RestError(400, 'Invalid value of "%value" provided for the %fieldName field.', { value: String(changes.price), fieldName: "price" });
      }
      catalog.setPrice(sku, changes.price);
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
