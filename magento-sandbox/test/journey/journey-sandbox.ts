import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app.ts";
import { loadCatalog } from "../../src/catalog/index.ts";
import { createCommerce } from "../../src/commerce/index.ts";
import type { SandboxStore } from "../../src/store.ts";
import { createStorefrontRouter } from "../../src/storefront/index.ts";

/**
 * The whole sandbox surface for the journey: the app (media, GraphQL, REST) plus the
 * storefront router, on a real server on port 0. Same composition as startSandbox once its
 * createApp mounts the storefront; until then the storefront is appended here.
 */
export async function startJourneySandbox(): Promise<{ url: string; store: SandboxStore; close(): Promise<void> }> {
  const catalog = loadCatalog();
  const store: SandboxStore = { catalog, commerce: createCommerce(catalog) };
  let url = "";
  const baseUrl = () => `${url}/`;
  const app = createApp(store, { baseUrl });
  app.use(createStorefrontRouter(store, { baseUrl }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }),
  };
}
