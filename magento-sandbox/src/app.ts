import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { SandboxStore } from "./store.ts";
import { createGraphQlRouter } from "./graphql/index.ts";
import { createRestRouter } from "./rest/index.ts";
import { createMediaRouter } from "./media/router.ts";
import { createThemeAssetsRouter } from "./storefront/theme-assets.ts";
import { createStorefrontRouter } from "./storefront/index.ts";
import type { StoreUrls } from "./store-views.ts";

export interface AppOptions {
  /** Public base URL with trailing slash; a function because the port is known only after listen. */
  baseUrl: () => string;
  /** The base URL the caller configured, if any; the storefront otherwise uses the Host header. */
  configuredBaseUrl?: string;
  /** The deployment's crypt key (X-Magento-Vary); default the storefront's DEFAULT_CRYPT_KEY. */
  cryptKey?: string;
  /** Store views' base URLs by code (GraphQL storeConfig, media and CMS links). */
  storeUrls?: StoreUrls;
}

/**
 * The sandbox's HTTP surface: media placeholders, GraphQL, REST and the Luma storefront.
 * Any error a handler lets through becomes a 500 without taking the server down.
 */
export function createApp(store: SandboxStore, options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "extended");
  // Magento's pub/health_check.php: an empty 200 while the store can serve (load balancers probe it).
  app.get("/health_check.php", (_req, res) => { res.status(200).end(); });
  app.use(createMediaRouter());
  app.use(createThemeAssetsRouter());
  app.use(createGraphQlRouter(store, { baseUrl: options.baseUrl, ...(options.storeUrls ? { storeUrls: options.storeUrls } : {}) }));
  app.use("/rest", createRestRouter(store));
  app.use(createStorefrontRouter(store, {
    ...(options.configuredBaseUrl ? { baseUrl: options.configuredBaseUrl } : {}),
    ...(options.cryptKey ? { cryptKey: options.cryptKey } : {}),
  }));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // Express's request errors (bad %-escapes, oversized bodies) keep their 4xx; the rest is ours.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).type("text/plain").send(error instanceof Error ? error.message : "Bad request");
      return;
    }
    console.error("[magento-sandbox]", error);
    res.status(500).type("text/plain").send("Internal server error");
  });
  return app;
}
