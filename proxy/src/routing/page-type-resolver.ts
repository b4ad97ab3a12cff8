// Resolves a SEO path such as /joust-duffle-bag.html to PRODUCT, CATEGORY or CMS_PAGE through Magento's
// GraphQL `route(url:)` on the legacy upstream, in its cacheable GET form (so Varnish or Magento's own
// full-page cache answers repeats from every proxy instance). A store-code prefix is taken off the path
// first, as Magento's router does. Answers are cached in-process (a segmented LRU: a flood of random paths,
// each seen once, cannot push out the pages shoppers visit; negative answers too) and, when Redis is
// configured, shared between instances; one lookup per path at a time. Redis gets its own small budget and
// Magento the rest of the whole lookup's. A failure rejects, and the caller sends the request to legacy
// (page-type-unresolved).
import type { PageType } from "@strangler/migration-plans";
import { PageTypeResolutionError } from "../errors.ts";
import { createLruCache } from "./lru-cache.ts";
import { createSegmentedLru } from "./segmented-lru.ts";

export interface PageTypeResolver {
  /** Cached answer: a page type, null (known: not a catalog/CMS page), undefined (not cached). */
  peek(path: string, storeCode: string): PageType | null | undefined;
  /** Looks the path up; rejects with PageTypeResolutionError. The traceparent goes with the GraphQL call it makes. */
  resolve(path: string, storeCode: string, traceparent?: string): Promise<PageType | null>;
}

/** The slice of ioredis the resolver uses, so tests can pass a real client or nothing. */
export interface PageTypeRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "PX", ttlMs: number): Promise<unknown>;
}

export interface PageTypeResolverOptions {
  /** Required. Legacy base URL; the query goes to `<legacyUrl>/graphql`. */
  legacyUrl: URL;
  /** Required. Milliseconds for the whole lookup (Redis + GraphQL). */
  timeoutMs: number;
  /** Optional. Milliseconds the Redis read may take out of timeoutMs; default a fifth of it. */
  redisTimeoutMs?: number;
  /** Optional. Store codes that may prefix a path (`/fr/joust-duffle-bag.html`); default none. */
  storeCodes?: readonly string[];
  /** Required. Milliseconds a page type stays cached. */
  ttlMs: number;
  /** Required. Milliseconds a "not a catalog page" answer stays cached. */
  negativeTtlMs: number;
  /** Required. In-process entries. */
  maxEntries: number;
  /** Optional. Shared cache; its failures degrade to a direct lookup. */
  redis?: PageTypeRedis | undefined;
  /** Optional. Redis key prefix, default "strangler:page-type:". */
  keyPrefix?: string;
  now?: () => number;
  /** Optional. Told where each lookup's answer came from (metrics); `peek` reports only its hits. */
  onLookup?: (result: "hit" | "shared" | "miss" | "joined" | "error") => void;
}

const PAGE_TYPES = new Set<string>(["PRODUCT", "CATEGORY", "CMS_PAGE"]);
const QUERY = "query StranglerRoute($url: String!) { route(url: $url) { type redirect_code relative_url } }";
// Paths Magento never serves through a URL rewrite: no lookup, no cache entry.
const NEVER_REWRITTEN = /^\/(?:static|media|rest|graphql|admin|customer|checkout|catalogsearch|page_cache|pub|errors|sales|wishlist|newsletter|review|paypal|swagger)(?:\/|$)/;
const FAILURE_HOLD_MS = 1_000;
const NONE = "NONE";

export function isResolvablePath(path: string): boolean {
  if (NEVER_REWRITTEN.test(path)) return false;
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  const dot = lastSegment.lastIndexOf(".");
  return dot === -1 || lastSegment.endsWith(".html") || lastSegment.endsWith(".htm");
}

export function createPageTypeResolver(options: PageTypeResolverOptions): PageTypeResolver {
  const now = options.now ?? Date.now;
  const cache = createSegmentedLru<PageType | null>({ maxEntries: options.maxEntries, now });
  const failures = createLruCache<true>(1_000, now);
  const inFlight = new Map<string, Promise<PageType | null>>();
  const prefix = options.keyPrefix ?? "strangler:page-type:";
  const endpoint = new URL("graphql", options.legacyUrl).href;
  const onLookup = options.onLookup ?? (() => {});

  const redisTimeoutMs = Math.min(options.redisTimeoutMs ?? Math.ceil(options.timeoutMs / 5), options.timeoutMs);
  const storePrefixes = (options.storeCodes ?? []).map((code) => `/${code}/`);

  async function lookUp(key: string, path: string, storeCode: string, traceparent: string | undefined): Promise<PageType | null> {
    const started = performance.now();
    const shared = await readRedis(options.redis, prefix + key, redisTimeoutMs);
    if (shared !== undefined) {
      cache.set(key, shared, shared === null ? options.negativeTtlMs : options.ttlMs);
      onLookup("shared");
      return shared;
    }
    const signal = AbortSignal.timeout(Math.max(1, Math.round(options.timeoutMs - (performance.now() - started))));
    const answer = await queryMagento(endpoint, path, storeCode, signal, traceparent);
    onLookup("miss");
    cache.set(key, answer, answer === null ? options.negativeTtlMs : options.ttlMs);
    writeRedis(options.redis, prefix + key, answer, answer === null ? options.negativeTtlMs : options.ttlMs);
    return answer;
  }

  /** `/fr/joust-duffle-bag.html` → `/joust-duffle-bag.html`: the path Magento's url rewrites hold. */
  function withoutStoreCode(path: string): string {
    for (const storePrefix of storePrefixes) if (path.startsWith(storePrefix)) return path.slice(storePrefix.length - 1);
    return path;
  }

  return {
    peek(requestPath, storeCode) {
      const path = withoutStoreCode(requestPath);
      if (!isResolvablePath(path)) return null;
      const cached = cache.get(`${storeCode}:${path}`);
      if (cached !== undefined) onLookup("hit");
      return cached;
    },
    resolve(requestPath, storeCode, traceparent) {
      const path = withoutStoreCode(requestPath);
      if (!isResolvablePath(path)) return Promise.resolve(null);
      const key = `${storeCode}:${path}`;
      const cached = cache.get(key);
      if (cached !== undefined) {
        onLookup("hit");
        return Promise.resolve(cached);
      }
      if (failures.get(key)) {
        onLookup("error");
        return Promise.reject(new PageTypeResolutionError(path));
      }
      let pending = inFlight.get(key);
      if (pending !== undefined) onLookup("joined");
      else {
        pending = lookUp(key, path, storeCode, traceparent)
          .catch((cause: unknown) => {
            onLookup("error");
            failures.set(key, true, FAILURE_HOLD_MS);
            throw new PageTypeResolutionError(path, { cause });
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

async function queryMagento(endpoint: string, path: string, storeCode: string, signal: AbortSignal, traceparent: string | undefined): Promise<PageType | null> {
  // GET, as Magento's storefronts send cacheable queries: Varnish/FPC keys it by URL and the Store header.
  const url = `${endpoint}?query=${encodeURIComponent(QUERY)}&operationName=StranglerRoute&variables=${encodeURIComponent(JSON.stringify({ url: path }))}`;
  const headers: Record<string, string> = { accept: "application/json", store: storeCode };
  if (traceparent !== undefined) headers.traceparent = traceparent;
  const response = await fetch(url, { headers, signal });
  if (!response.ok) throw new Error(`GraphQL route answered HTTP ${response.status}`);
  const body = await response.json() as { data?: { route?: { type?: string } | null }; errors?: Array<{ message: string }> };
  const route = body.data?.route;
  if (route === null || (route === undefined && body.errors?.some((e) => /could not find|not found/i.test(e.message)))) return null;
  if (route === undefined) throw new Error(`GraphQL route failed: ${body.errors?.[0]?.message ?? "no data"}`);
  return route.type !== undefined && PAGE_TYPES.has(route.type) ? route.type as PageType : null;
}

async function readRedis(redis: PageTypeRedis | undefined, key: string, timeoutMs: number): Promise<PageType | null | undefined> {
  if (redis === undefined) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A slow Redis costs at most its budget; Magento still gets the rest of the lookup's.
    const late = new Promise<null>((resolve) => { timer = setTimeout(resolve, timeoutMs, null); });
    const value = await Promise.race([redis.get(key), late]);
    if (value === null) return undefined;
    return value === NONE ? null : PAGE_TYPES.has(value) ? value as PageType : undefined;
  } catch {
    return undefined; // Redis trouble degrades to a direct lookup
  } finally {
    clearTimeout(timer);
  }
}

function writeRedis(redis: PageTypeRedis | undefined, key: string, value: PageType | null, ttlMs: number): void {
  redis?.set(key, value ?? NONE, "PX", ttlMs).catch(() => {});
}
