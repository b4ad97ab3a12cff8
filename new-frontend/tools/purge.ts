// The adapters' purge endpoint wired to this frontend: Magento's PURGE (X-Magento-Tags-Pattern, what
// it sends its Varnish/http_cache_hosts) drops the tagged adapter entries, then the dropped tags go to
// the frontend's /api/revalidate so the pages built from them re-render, and then, when given, to the
// proxy's page cache (/page-cache/purge on its admin port). Used by `npm start` and e2e tests.
import { expandPurgedTags } from "../lib/cache-tags.ts";
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
  /**
   * The proxy's admin API and token: its shared page cache drops the same tags, after the frontend
   * re-rendered (so the proxy cannot keep a page rendered from the old data again).
   */
  proxyAdmin?: { url: string; token: string };
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
      const response = await fetch(`${options.frontendUrl}/api/revalidate`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.revalidateToken}` },
        body: JSON.stringify(all ? { all: true } : { tags }),
      });
      if (!response.ok) throw new Error(`new frontend /api/revalidate answered ${response.status}`);
      // Published after the frontend heard, as the purge server does: a subscriber never re-reads the old page.
      await publish?.(tags, { all });
      if (options.proxyAdmin === undefined) return;
      const proxied = await fetch(`${options.proxyAdmin.url}/page-cache/purge`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.proxyAdmin.token}` },
        // Expanded as /api/revalidate expands them: a category change also drops every page's menu.
        body: JSON.stringify(all ? { all: true } : { tags: expandPurgedTags(tags) }),
      });
      // 404: the proxy runs without a page cache (PAGE_CACHE_MB=0); nothing to drop there.
      if (!proxied.ok && proxied.status !== 404) throw new Error(`the proxy's /page-cache/purge answered ${proxied.status}`);
    },
  });
  const server = await startPurgeServer({ port: options.port, handler });
  return { ...server, close: async () => { await server.close(); await publish?.close(); } };
}
