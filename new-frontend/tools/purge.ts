// The adapters' purge endpoint wired to this frontend: Magento's PURGE (X-Magento-Tags-Pattern, what
// it sends its Varnish/http_cache_hosts) drops the tagged adapter entries, then the dropped tags go to
// the frontend's /api/revalidate so the pages built from them re-render. Used by `npm start` and e2e tests.
import { createAdapters, createPurgeHandler, startPurgeServer, type PurgeServer } from "@strangler/adapters";

export interface FrontendPurgeOptions {
  /** Port to listen on; 0 = any free port. */
  port: number;
  magentoUrl: string;
  /** The new frontend's own URL (not the proxy's). */
  frontendUrl: string;
  revalidateToken: string;
  redisUrl?: string;
}

export function startFrontendPurge(options: FrontendPurgeOptions): Promise<PurgeServer> {
  const adapters = createAdapters({ magentoUrl: options.magentoUrl, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) });
  const handler = createPurgeHandler({
    cache: adapters,
    onPurged: async (tags, { all }) => {
      const response = await fetch(`${options.frontendUrl}/api/revalidate`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.revalidateToken}` },
        body: JSON.stringify(all ? { all: true } : { tags }),
      });
      if (!response.ok) throw new Error(`new frontend /api/revalidate answered ${response.status}`);
    },
  });
  return startPurgeServer({ port: options.port, handler });
}
