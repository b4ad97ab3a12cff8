// Builds the page cache from the proxy's config (off when PAGE_CACHE_MB is 0) with its admin router and,
// when REDIS_URL is set, its subscription to the purge channel.
import type { Router } from "express";
import { Counter } from "prom-client";
import type { Registry } from "prom-client";
import type { Logger } from "pino";
import type { ProxyConfig } from "../config.ts";
import type { Upstream } from "../forward/upstream.ts";
import { createPageCache } from "./page-cache.ts";
import type { CacheResult, PageCache } from "./page-cache.ts";
import { createPageCacheRouter } from "./page-cache-router.ts";
import { subscribePurges } from "./purge-subscription.ts";

export interface OpenedPageCache {
  cache: PageCache;
  router: Router;
  close(): void;
}

export function openPageCache(
  config: ProxyConfig, upstreams: ReadonlyMap<string, Upstream>, logger: Logger,
  deps: { now?: (() => number) | undefined; registry: Registry },
): OpenedPageCache | undefined {
  if (config.PAGE_CACHE_MB === 0) return undefined;
  const results = new Counter({ name: "strangler_page_cache_total", help: "Shop requests to a new side by page cache result (hit, stale, joined, miss, bypass)", labelNames: ["result"], registers: [deps.registry] });
  const onResult = (result: CacheResult) => results.inc({ result });
  const cache = createPageCache({
    maxBytes: config.PAGE_CACHE_MB * 1024 * 1024, maxEntryBytes: config.PAGE_CACHE_MAX_ENTRY_BYTES, maxTtlMs: config.PAGE_CACHE_MAX_TTL_MS,
    maxStaleMs: config.PAGE_CACHE_MAX_STALE_MS, joinWaitMs: config.PAGE_CACHE_JOIN_WAIT_MS, purgeRepeatMs: config.PAGE_CACHE_PURGE_REPEAT_MS, passMs: config.PAGE_CACHE_PASS_MS,
    upstreams, now: deps.now, onResult,
  });
  const subscription = config.REDIS_URL === undefined ? undefined
    : subscribePurges(config.REDIS_URL, config.PAGE_CACHE_PURGE_CHANNEL, logger, (tags, all) => cache.purge(tags, all));
  return {
    cache,
    router: createPageCacheRouter(cache),
    close() {
      subscription?.close();
      cache.close();
    },
  };
}
