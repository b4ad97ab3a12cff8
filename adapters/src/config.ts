// Options parsed once, here, by a schema: nothing deeper reads process.env or re-checks options.
import { z } from "zod";
import { AdapterConfigError } from "./errors.ts";
import { describeRedisUrlProblem } from "./cache/redis-client.ts";
import type { CacheStore } from "./cache/cache-store.ts";
import type { AdapterLogger, AdapterMetrics } from "./observability.ts";

/** Time-to-live per cached resource, in seconds. `swr` is how long past the TTL a stale value may still be served while it refreshes. */
export interface CacheTtls {
  product: number;
  category: number;
  listing: number;
  search: number;
  cms: number;
  url: number;
  storeConfig: number;
  swr: number;
}

export const defaultTtls: CacheTtls = {
  product: 300,
  category: 900,
  listing: 300,
  search: 120,
  cms: 900,
  url: 600,
  storeConfig: 3600,
  swr: 600,
};

export interface AdaptersOptions {
  /** Required. Magento base URL, e.g. `http://127.0.0.1:8081`; GraphQL is `<url>/graphql`, REST `<url>/rest`. */
  magentoUrl: string;
  /** Default store view code sent as `Store`. Default `default`. */
  store?: string;
  /**
   * GraphQL endpoint for `searchProducts` only, e.g. the routing proxy's `<shop>/graphql`: a migration plan
   * (catalog-search) then decides whether the search service or Magento answers. Default `<magentoUrl>/graphql`.
   */
  searchUrl?: string;
  /** Redis URL for a shared cache (`redis://`, `rediss://`, or `redis+cluster://host:port,host:port` for a Redis Cluster); without it an in-memory LRU is used. */
  redisUrl?: string;
  /** Prefix for every Redis key. Default `strangler:adapters:`, used as the hash tag `{strangler:adapters}:`. */
  redisKeyPrefix?: string;
  /** Per Magento call, in ms. Default 8000. */
  timeoutMs?: number;
  /** Overrides per resource (seconds). */
  ttls?: Partial<CacheTtls>;
  /** Max entries of the in-memory LRU. Default 5000. */
  memoryMaxEntries?: number;
  /** Bring your own store (tests, or a shared instance); wins over redisUrl. */
  cacheStore?: CacheStore;
  /** `false` turns caching off entirely (bench baseline). Default true. */
  cache?: boolean;
  logger?: AdapterLogger;
  metrics?: AdapterMetrics;
  /** Called before every HTTP call to Magento (counting, tracing). */
  onMagentoCall?: (operation: string) => void;
}

const ttlSchema = z.number().int().nonnegative();
const optionsSchema = z.object({
  magentoUrl: z.url({ message: "magentoUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:8081" }),
  store: z.string().regex(/^[a-z0-9_]+$/, "store must be a Magento store code like `default`").default("default"),
  searchUrl: z.url({ message: "searchUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:8080/graphql" }).optional(),
  redisUrl: z.string().superRefine((url, ctx) => {
    const problem = describeRedisUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional(),
  redisKeyPrefix: z.string().regex(/^[A-Za-z0-9:_.{}-]{1,100}$/, "redisKeyPrefix may hold letters, digits and : _ . - { } (it is used in SCAN patterns)").default("strangler:adapters:"),
  timeoutMs: z.number().int().positive().default(8000),
  ttls: z.object({
    product: ttlSchema, category: ttlSchema, listing: ttlSchema, search: ttlSchema,
    cms: ttlSchema, url: ttlSchema, storeConfig: ttlSchema, swr: ttlSchema,
  }).partial().default({}),
  memoryMaxEntries: z.number().int().positive().default(5000),
  cache: z.boolean().default(true),
});

export interface AdaptersConfig {
  magentoUrl: string;
  graphqlUrl: string;
  /** Where searchProducts sends its query (graphqlUrl unless searchUrl is set). */
  searchUrl: string;
  restUrl: string;
  store: string;
  redisUrl?: string;
  redisKeyPrefix: string;
  timeoutMs: number;
  ttls: CacheTtls;
  memoryMaxEntries: number;
  cache: boolean;
}

export function parseAdaptersOptions(options: AdaptersOptions): AdaptersConfig {
  const { cacheStore: _s, logger: _l, metrics: _m, onMagentoCall: _c, ...plain } = options;
  const parsed = optionsSchema.safeParse(plain);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`);
    throw new AdapterConfigError(`Invalid adapters options: ${problems.join("; ")}`, { cause: parsed.error });
  }
  const base = parsed.data.magentoUrl.replace(/\/+$/, "");
  return {
    ...parsed.data,
    magentoUrl: base,
    graphqlUrl: `${base}/graphql`,
    searchUrl: parsed.data.searchUrl ?? `${base}/graphql`,
    restUrl: `${base}/rest`,
    ttls: { ...defaultTtls, ...parsed.data.ttls },
  };
}
