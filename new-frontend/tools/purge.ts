// The adapters' purge endpoint wired to this frontend: Magento's PURGE (X-Magento-Tags-Pattern, what
// it sends its Varnish/http_cache_hosts) drops the tagged adapter entries, then the dropped tags go to
// the frontend's /api/revalidate so the pages built from them re-render. Used by `npm start` and e2e tests.
import { createAdapters, createPurgeHandler, createPurgePublisher, startPurgeServer, type PurgeServer } from "@strangler/adapters";

export interface FrontendPurgeOptions {
  /** Port to listen on; 0 = any free port. */
  port: number;
  magentoUrl: string;
  /** The new frontend's own URL (not the proxy's). */
  frontendUrl: string;
  revalidateToken: string;
  redisUrl?: string;
  /** Must be the frontend's REDIS_KEY_PREFIX, so both purge the same entries. */
  redisKeyPrefix?: string;
  /** With redisUrl: also PUBLISH the purged tags on this channel, for the search service's index. */
  publishChannel?: string;
}

export async function startFrontendPurge(options: FrontendPurgeOptions): Promise<PurgeServer> {
  const redis = options.redisUrl ? { redisUrl: options.redisUrl, ...(options.redisKeyPrefix ? { redisKeyPrefix: options.redisKeyPrefix } : {}) } : {};
  const adapters = createAdapters({ magentoUrl: options.magentoUrl, ...redis });
  const publish = options.redisUrl && options.publishChannel
    ? createPurgePublisher({ redisUrl: options.redisUrl, channel: options.publishChannel, logger: { warn: (message) => console.warn(`purge endpoint: ${message}`) }, metrics: { increment: () => {} } })
    : undefined;
  const handler = createPurgeHandler({
    cache: adapters,
    onPurged: async (tags, { all }) => {
      await publish?.(tags, { all });
      const response = await fetch(`${options.frontendUrl}/api/revalidate`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.revalidateToken}` },
        body: JSON.stringify(all ? { all: true } : { tags }),
      });
      if (!response.ok) throw new Error(`new frontend /api/revalidate answered ${response.status}`);
    },
  });
  const server = await startPurgeServer({ port: options.port, handler });
  return { ...server, close: async () => { await server.close(); await publish?.close(); } };
}
