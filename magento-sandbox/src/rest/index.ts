import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Catalog } from "../catalog/types.ts";
import type { Commerce } from "../commerce/types.ts";
import { createCartRoutes } from "./cart-routes.ts";
import { createCatalogRoutes } from "./catalog-routes.ts";
import { createCustomerRoutes } from "./customer-routes.ts";
import { createOrderRoutes } from "./order-routes.ts";
import { RestError, sendError } from "./respond.ts";
import { createTokenRoutes } from "./token-routes.ts";

/**
 * Magento's REST API at /rest/V1/… and /rest/<store>/V1/… (store codes `default`, `all`).
 * Mount it at `/rest` (`app.use("/rest", createRestRouter(store))`): its paths are relative.
 * Request flow: strip the store code → parse the JSON body (Magento's "Decoding error") →
 * resource routers (tokens, catalog, carts, orders) → "Request does not match any route." 404.
 */
export interface RestStore {
  catalog: Catalog;
  commerce: Commerce;
}

const storeCodes = new Set(["default", "all"]);

function stripStoreCode(req: Request, res: Response, next: NextFunction): void {
  const match = /^\/([a-z0-9_]+)(\/(?:async\/)?V1\/.*)$/.exec(req.url);
  if (match && match[1] !== "V1") {
    if (!storeCodes.has(match[1] ?? "")) {
      sendError(res, new RestError(400, "The store that was requested wasn't found. Verify the store and try again."));
      return;
    }
    res.locals.storeCode = match[1];
    req.url = match[2] ?? "/";
  } else {
    res.locals.storeCode = "default";
  }
  next();
}

function parseJsonBody(req: Request, res: Response, next: NextFunction): void {
  const raw = typeof req.body === "string" ? req.body : "";
  if (raw.trim() === "") {
    req.body = undefined;
    next();
    return;
  }
  try {
    req.body = JSON.parse(raw);
    next();
  } catch {
    sendError(res, new RestError(400, "Decoding error: %1", ["Syntax error"]));
  }
}

/** Express's own request errors (a malformed %-escape in the path, a body over 1 MB) in Magento's shape. */
function sendRequestError(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  if (res.headersSent || typeof status !== "number" || status < 400 || status >= 500) {
    next(error);
    return;
  }
  const reason = error instanceof Error ? error.message : String(error);
  sendError(res, new RestError(status, "Decoding error: %1", [reason]));
}

export function createRestRouter(store: RestStore): Router {
  const api = Router();
  api.use(stripStoreCode);
  api.use(express.text({ type: () => true, limit: "1mb" }), parseJsonBody);
  api.use(createTokenRoutes(store.commerce));
  api.use(createCatalogRoutes(store.catalog, store.commerce));
  api.use(createCustomerRoutes(store.commerce));
  api.use(createCartRoutes(store.commerce));
  api.use(createOrderRoutes(store.commerce));
  api.use((_req: Request, res: Response) => sendError(res, new RestError(404, "Request does not match any route.")));
  api.use(sendRequestError);
  return api;
}
