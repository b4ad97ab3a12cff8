/**
 * Magento's full-page-cache purger (PurgeCache with http_cache_hosts): when catalog data
 * changes, send `PURGE` with `X-Magento-Tags-Pattern` to every configured cache host, so a
 * proxy or frontend in front of the sandbox learns about the change as it would from Magento.
 */
export interface PurgeNotifierOptions {
  /** Full URLs that receive the PURGE requests (Magento sends them to "/"). */
  urls: string[];
  /** Injected for tests; default global fetch. */
  fetch?: typeof fetch;
  /** Where delivery failures go; default console.warn. A failed purge never throws. */
  warn?: (message: string) => void;
}

/** `((^|,)cat_p_1(,|$))|((^|,)cat_p_68(,|$))`: the pattern Varnish bans by. */
export function buildTagsPattern(tags: string[]): string {
  return tags.map((tag) => `((^|,)${tag}(,|$))`).join("|");
}

/** Returns a listener for Catalog.onInvalidate; each call returns when all hosts answered. */
export function createPurgeNotifier(options: PurgeNotifierOptions): (tags: string[]) => Promise<void> {
  const send = options.fetch ?? fetch;
  const warn = options.warn ?? ((message: string) => console.warn(`[magento-sandbox purge] ${message}`));
  return async (tags) => {
    if (tags.length === 0) return;
    const pattern = buildTagsPattern(tags);
    await Promise.all(options.urls.map(async (url) => {
      try {
        const response = await send(url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": pattern } });
        await response.arrayBuffer();
        if (!response.ok) warn(`${url} answered HTTP ${response.status} to PURGE ${pattern}`);
      } catch (error) {
        warn(`${url} could not be reached for PURGE ${pattern}: ${(error as Error).message}`);
      }
    }));
  };
}
