import { Router } from "express";
import type { Commerce } from "../commerce/types.ts";
import { requireAdmin } from "./auth.ts";
import { readOrderField, shapeOrder } from "./order-shapes.ts";
import { handle, RestError } from "./respond.ts";
import { applySearchCriteria, parseSearchCriteria } from "./search-criteria.ts";

/** Admin-token-protected sales orders (Magento_Sales::actions_view). */
export function createOrderRoutes(commerce: Commerce): Router {
  const router = Router();
  const resource = "Magento_Sales::actions_view";

  router.get("/V1/orders/:id", handle((req) => {
    requireAdmin(commerce, req, resource);
    const order = commerce.getOrder(Number(req.params.id));
    if (!order) throw new RestError(404, "The entity that was requested doesn't exist. Verify the entity and try again.");
    return shapeOrder(order);
  }));
  router.get("/V1/orders", handle((req) => {
    requireAdmin(commerce, req, resource);
    const criteria = parseSearchCriteria(new URL(req.originalUrl, "http://x").searchParams);
    const { items, total } = applySearchCriteria(commerce.listOrders().map(shapeOrder), criteria, readOrderField);
    return { items, search_criteria: criteria, total_count: total };
  }));
  return router;
}
