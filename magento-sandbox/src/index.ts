/**
 * @strangler/magento-sandbox: a stand-in for Magento 2.4.8 with the Luma sample data.
 * startSandbox() loads the catalog and commerce state in memory, then serves GraphQL
 * (/graphql, the real 2.4.8 schema), REST (/rest[/<store>]/V1), the Luma storefront and
 * generated product images on one HTTP server.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxStore } from "./store.ts";
import { loadCatalog } from "./catalog/index.ts";
import { createCommerce } from "./commerce/index.ts";
import { createApp } from "./app.ts";
import { createPurgeNotifier } from "./purge.ts";
import type { StoreUrls } from "./store-views.ts";

export type { SandboxStore } from "./store.ts";
export type * from "./catalog/types.ts";
export { loadCatalog, createCatalog, loadCatalogData } from "./catalog/index.ts";
export { loadMagentoSchema, MAX_QUERY_COMPLEXITY, MAX_QUERY_DEPTH } from "./graphql/index.ts";
export { buildTagsPattern, createPurgeNotifier } from "./purge.ts";
export { DEFAULT_CRYPT_KEY, createVaryHasher } from "./storefront/session.ts";
export type { StoreUrls } from "./store-views.ts";

export interface SandboxOptions {
  /** Port to listen on; default 0 (any free port). main.ts passes SANDBOX_PORT (8081). */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Public base URL Magento believes it has; default http://<host>:<port>/. */
  baseUrl?: string;
  /** Luma sample-data directory; default magento-sandbox/data/sample-data. */
  sampleDataDir?: string;
  /** Cache hosts that get Magento's PURGE (X-Magento-Tags-Pattern) when a price changes; default none. */
  purgeUrls?: string[];
  /** The deployment's crypt key, which salts X-Magento-Vary as 2.4.7+ does; default DEFAULT_CRYPT_KEY. */
  cryptKey?: string;
  /** Store views' public base URLs by code, e.g. { fr: "http://fr.shop.test/" }; default fr = baseUrl + "fr/". */
  storeUrls?: StoreUrls;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  close(): Promise<void>;
  store: SandboxStore;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const catalog = loadCatalog(options.sampleDataDir ? { sampleDataDir: options.sampleDataDir } : {});
  const commerce = createCommerce(catalog, options.sampleDataDir ? { sampleDataDir: options.sampleDataDir } : {});
  const store: SandboxStore = { catalog, commerce };
  if (options.purgeUrls?.length) {
    const notify = createPurgeNotifier({ urls: options.purgeUrls });
    catalog.onInvalidate((tags) => void notify(tags));
  }
  let url = "";
  const baseUrl = () => (options.baseUrl ?? url).replace(/\/?$/, "/");
  const server = createServer(createApp(store, {
    baseUrl, ...(options.baseUrl ? { configuredBaseUrl: options.baseUrl } : {}), ...(options.cryptKey ? { cryptKey: options.cryptKey } : {}),
    ...(options.storeUrls ? { storeUrls: options.storeUrls } : {}),
  }));
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return { url, store, close: () => closeServer(server) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
