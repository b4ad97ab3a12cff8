// What every cached area shares: the Magento clients, the cache, and the rule for when a read may
// be cached at all. A read that names a customer (token or storefront session) is priced by Magento for
// that customer's group: it is cached only under that group (customerGroup, not 0); without one it
// bypasses the cache, so a customer's answer can never land under the guests' key.
import type { RequestContext } from "./domain/context.ts";
import type { AdaptersConfig } from "./config.ts";
import type { Cache } from "./cache/cache.ts";
import { buildCacheKey } from "./cache/keys.ts";
import { checkContext } from "./arguments.ts";
import type { MagentoGraphql } from "./magento/graphql-client.ts";
import type { MagentoRest } from "./magento/rest-client.ts";
import type { MagentoStorefront } from "./magento/storefront-client.ts";
import type { AdapterLogger, AdapterMetrics } from "./observability.ts";

export interface AreaDeps {
  config: AdaptersConfig;
  graphql: MagentoGraphql;
  /** The client searchProducts uses: `graphql` unless searchUrl names another endpoint. */
  searchGraphql: MagentoGraphql;
  rest: MagentoRest;
  storefront: MagentoStorefront;
  cache?: Cache;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
}

/** A load reports the tags its answer depends on (Magento's X-Magento-Tags, ids it saw). */
export type TagSink = (tags: string[]) => void;

export interface CachedRead<T> {
  resource: string;
  args: unknown;
  /** Seconds fresh; a missing entity (`undefined`) gets MISSING_TTL_SECONDS at most. */
  ttl: number;
  /** Tags derived from the value, on top of what the load reported. */
  tags?: (value: T) => string[];
  load: (addTags: TagSink) => Promise<T>;
}

/** Entity lookups that found nothing are cached briefly so a bad link cannot hammer Magento, but not for long. */
export const MISSING_TTL_SECONDS = 30;

interface Tagged<T> {
  value: T;
  tags: string[];
}

export async function readThrough<T>(deps: AreaDeps, ctx: RequestContext, read: CachedRead<T>): Promise<T> {
  checkContext(ctx);
  const cache = deps.cache;
  const personal = Boolean(ctx.customerToken ?? ctx.customerSession);
  if (!cache || (personal && (ctx.customerGroup ?? "0") === "0")) return read.load(() => {});
  const scope = { store: ctx.store ?? deps.config.store, currency: ctx.currency ?? "", customerGroup: ctx.customerGroup ?? "0" };
  const key = buildCacheKey(read.resource, read.args, scope);
  const load = async (): Promise<Tagged<T>> => {
    const reported: string[] = [];
    const value = await read.load((tags) => reported.push(...tags));
    // A "not found" carries no tags: nothing can purge it, its short TTL ends it.
    return { value, tags: value === undefined ? [] : [...new Set([...(read.tags?.(value) ?? []), ...reported])] };
  };
  const ttl = (entry: Tagged<T>) => (entry.value === undefined ? Math.min(read.ttl, MISSING_TTL_SECONDS) : read.ttl);
  const entry = await cache.getOrLoad(key, { ttl, swr: deps.config.ttls.swr, tags: (e) => e.tags }, load);
  return entry.value;
}
