import type { AddressInfo } from "node:net";
import express from "express";
import { loadCatalog } from "../../src/catalog/index.ts";
import type { Catalog } from "../../src/catalog/types.ts";
import { createCommerce } from "../../src/commerce/index.ts";
import type { Commerce } from "../../src/commerce/types.ts";
import { createRestRouter } from "../../src/rest/index.ts";

/**
 * A real HTTP server on port 0 with the catalog, commerce and the REST router, for the REST
 * tests. The catalog loads once per test process (it is read-only for these tests).
 */
export interface RestHarness {
  url: string;
  catalog: Catalog;
  commerce: Commerce;
  close(): Promise<void>;
}

let sharedCatalog: Catalog | undefined;

export async function startRestHarness(): Promise<RestHarness> {
  const catalog = (sharedCatalog ??= loadCatalog());
  const commerce = createCommerce(catalog);
  const app = express();
  app.use("/rest", createRestRouter({ catalog, commerce }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    catalog,
    commerce,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
