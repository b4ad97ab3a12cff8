import type { AddressInfo } from "node:net";
import express from "express";
import { loadCatalog } from "../../src/catalog/index.ts";
import type { Catalog } from "../../src/catalog/types.ts";
import { createCommerce } from "../../src/commerce/index.ts";
import type { Commerce } from "../../src/commerce/types.ts";
import { createRestRouter } from "../../src/rest/index.ts";
import { createStorefrontRouter } from "../../src/storefront/index.ts";

/** REST + storefront on a real server on port 0 (the GraphQL-free part of the sandbox app). */
export interface StorefrontHarness {
  url: string;
  catalog: Catalog;
  commerce: Commerce;
  close(): Promise<void>;
}

export async function startStorefrontHarness(): Promise<StorefrontHarness> {
  const catalog = loadCatalog();
  const commerce = createCommerce(catalog);
  const app = express();
  app.use("/rest", createRestRouter({ catalog, commerce }));
  app.use(createStorefrontRouter({ catalog, commerce }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    catalog,
    commerce,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }),
  };
}
