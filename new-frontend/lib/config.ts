// The new frontend's settings, parsed once from the environment by a schema. Nothing else reads process.env.
import { z } from "zod";
import { describeRedisUrlProblem } from "@strangler/adapters/redis";
import { FrontendConfigError } from "./errors.ts";

const STORE_CODE = /^[a-z][a-z0-9_]*$/;
const storeCode = (name: string) => z.string().regex(STORE_CODE, `${name} must be a Magento store code like \`default\``);

/** `fr=https://fr.shop.example,default=https://shop.example` → { fr: "https://fr.shop.example", … }. */
const storePublicUrls = z.string().transform((value, ctx) => {
  const urls: Record<string, string> = {};
  for (const pair of value.split(",").map((item) => item.trim()).filter((item) => item !== "")) {
    const [code = "", url = ""] = pair.split(/=(.*)/s);
    if (!STORE_CODE.test(code) || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      ctx.addIssue({ code: "custom", message: `STORE_PUBLIC_URLS must be store=URL pairs like fr=https://fr.shop.example (got "${pair}")` });
    } else {
      urls[code] = url.replace(/\/+$/, "");
    }
  }
  return urls;
});

const envSchema = z.object({
  MAGENTO_URL: z.url({ message: "MAGENTO_URL must be the legacy Magento base URL, e.g. http://127.0.0.1:8081" }),
  /**
   * The shop's public URL (the proxy): canonical links, redirects and JSON-LD point there, never at this
   * server or at MAGENTO_URL. Required: this server is never the public address.
   */
  PUBLIC_URL: z.url({
    error: (issue) => (issue.input === undefined
      ? "PUBLIC_URL is required: the shop's public URL (the proxy's), e.g. http://127.0.0.1:8080"
      : "PUBLIC_URL must be the shop's public URL (the proxy's), e.g. http://127.0.0.1:8080"),
  }),
  /**
   * The GraphQL endpoint the search page's query goes to, e.g. the proxy's `<PUBLIC_URL>/graphql`: the
   * catalog-search plan and its flag then decide whether the search service or Magento answers. Default:
   * MAGENTO_URL's /graphql (Magento answers).
   */
  SEARCH_URL: z.url({ message: "SEARCH_URL must be an absolute http(s) URL: the proxy's endpoint for catalog queries" }).optional(),
  /** The adapters' cache and Next's page cache (next-cache-handler.ts): redis://, rediss:// or redis+cluster://host:port,host:port. */
  REDIS_URL: z.string().superRefine((url, ctx) => {
    const problem = describeRedisUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional(),
  /** Namespace of the adapters' Redis keys; every process sharing a cache (frontend, purge) must use the same one. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_.{}-]{1,100}$/, "REDIS_KEY_PREFIX may hold letters, digits and : _ . - { }").optional(),
  /** Namespace of Next's page cache in Redis (next-cache-handler.ts); replicas of one shop share it. Default `strangler:next:`. */
  NEXT_CACHE_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_.{}-]{1,100}$/, "NEXT_CACHE_KEY_PREFIX may hold letters, digits and : _ . - { }").optional(),
  /** Shared secret the adapters' purge sends to /api/revalidate. Without it the route refuses every call. */
  REVALIDATE_TOKEN: z.string().min(16, "REVALIDATE_TOKEN must be at least 16 characters").optional(),
  /** The store view rendered when a request names none. */
  STORE_CODE: storeCode("STORE_CODE").default("default"),
  /** Every store view this frontend renders (the `Store` header or `store` cookie may name one); default STORE_CODE. */
  STORE_CODES: z.string().transform((value) => value.split(",").map((item) => item.trim()).filter((item) => item !== ""))
    .pipe(z.array(storeCode("STORE_CODES")).min(1, "STORE_CODES must name at least one store code")).optional(),
  /** A store view's own public URL (another host), by code; the others use PUBLIC_URL. */
  STORE_PUBLIC_URLS: storePublicUrls.optional(),
  /**
   * The deployment's crypt key (Magento's env.php crypt/key), which salts X-Magento-Vary since 2.4.7: with it
   * this app reads a shopper's switched currency and customer group (lib/shopper-context.ts). Unset: every
   * shopper with an X-Magento-Vary cookie is left to legacy (the page answers 503, the proxy falls back).
   */
  MAGENTO_CRYPT_KEY: z.string().min(16, "MAGENTO_CRYPT_KEY must be Magento's crypt/key (at least 16 characters)").optional(),
  /** Customer group ids besides NOT LOGGED IN (0) whose prices this app renders; default Magento's stock 1,2,3. */
  MAGENTO_CUSTOMER_GROUPS: z.string().transform((value) => value.split(",").map((item) => item.trim()).filter((item) => item !== ""))
    .pipe(z.array(z.string().regex(/^[1-9][0-9]{0,8}$/, "MAGENTO_CUSTOMER_GROUPS must be customer group ids like 1,2,3")).min(1)).optional(),
  /** Currencies a shopper may switch to (Magento's allowed currencies), e.g. USD,EUR; default none (display currency only). */
  MAGENTO_CURRENCIES: z.string().transform((value) => value.split(",").map((item) => item.trim()).filter((item) => item !== ""))
    .pipe(z.array(z.string().regex(/^[A-Z]{3}$/, "MAGENTO_CURRENCIES must be ISO 4217 codes like USD,EUR"))).optional(),
  /** Prometheus /metrics on a port of its own (never the shop's); unset: no metrics server. */
  METRICS_PORT: z.coerce.number({ message: "METRICS_PORT must be a port number" }).int().min(1, "METRICS_PORT must be a port number from 1 to 65535")
    .max(65535, "METRICS_PORT must be a port number from 1 to 65535").optional(),
  /** Where the metrics port listens; default 127.0.0.1 (a container scraped from outside sets 0.0.0.0). */
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
});

export interface FrontendConfig {
  magentoUrl: string;
  publicUrl: string;
  /** Where searches are sent (SEARCH_URL, the proxy's endpoint); unset: Magento's. */
  searchUrl?: string;
  redisUrl?: string;
  redisKeyPrefix?: string;
  /** Where Next's page cache lives in Redis (only with redisUrl). */
  nextCacheKeyPrefix: string;
  revalidateToken?: string;
  /** The default store view. */
  storeCode: string;
  /** Every store view rendered, the default first. */
  storeCodes: string[];
  /** Public URL by store code (no trailing slash); each store in storeCodes has one. */
  storePublicUrls: Record<string, string>;
  /** Magento's crypt key: reads X-Magento-Vary (shopper-context.ts); unset: shoppers with one go to legacy. */
  cryptKey?: string;
  /** Customer group ids (besides 0) a page may be rendered for. */
  customerGroups: string[];
  /** Currencies a shopper may have switched to. */
  currencies: string[];
  /** The metrics server's port and address (instrumentation.ts); no port: none. */
  metricsPort?: number;
  metricsHost: string;
}

export function parseFrontendConfig(env: Record<string, string | undefined>): FrontendConfig {
  // An empty variable means unset (`REDIS_URL=` switches Redis off).
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new FrontendConfigError(`Invalid new-frontend environment: ${problems.join("; ")}`, { cause: parsed.error });
  }
  const { MAGENTO_URL, PUBLIC_URL, SEARCH_URL, REDIS_URL, REDIS_KEY_PREFIX, NEXT_CACHE_KEY_PREFIX = "strangler:next:", REVALIDATE_TOKEN, STORE_CODE, STORE_CODES, STORE_PUBLIC_URLS = {}, METRICS_PORT, METRICS_HOST, MAGENTO_CRYPT_KEY, MAGENTO_CUSTOMER_GROUPS = ["1", "2", "3"], MAGENTO_CURRENCIES = [] } = parsed.data;
  const storeCodes = [...new Set([STORE_CODE, ...(STORE_CODES ?? [])])];
  const unknown = Object.keys(STORE_PUBLIC_URLS).filter((code) => !storeCodes.includes(code));
  if (unknown.length > 0) {
    throw new FrontendConfigError(`Invalid new-frontend environment: STORE_PUBLIC_URLS: ${unknown.join(", ")} is not in STORE_CODES (${storeCodes.join(",")})`);
  }
  const publicUrl = PUBLIC_URL.replace(/\/+$/, "");
  return {
    magentoUrl: MAGENTO_URL.replace(/\/+$/, ""),
    publicUrl,
    ...(SEARCH_URL ? { searchUrl: SEARCH_URL } : {}),
    ...(REDIS_URL ? { redisUrl: REDIS_URL } : {}),
    ...(REDIS_KEY_PREFIX ? { redisKeyPrefix: REDIS_KEY_PREFIX } : {}),
    nextCacheKeyPrefix: NEXT_CACHE_KEY_PREFIX,
    ...(REVALIDATE_TOKEN ? { revalidateToken: REVALIDATE_TOKEN } : {}),
    storeCode: STORE_CODE,
    storeCodes,
    storePublicUrls: Object.fromEntries(storeCodes.map((code) => [code, STORE_PUBLIC_URLS[code] ?? publicUrl])),
    ...(MAGENTO_CRYPT_KEY ? { cryptKey: MAGENTO_CRYPT_KEY } : {}),
    customerGroups: MAGENTO_CUSTOMER_GROUPS,
    currencies: MAGENTO_CURRENCIES,
    ...(METRICS_PORT !== undefined ? { metricsPort: METRICS_PORT } : {}),
    metricsHost: METRICS_HOST,
  };
}

let cached: FrontendConfig | undefined;

/** The process's config, parsed on first use (not at import, so `next build` needs no Magento). */
export function getFrontendConfig(): FrontendConfig {
  cached ??= parseFrontendConfig(process.env);
  return cached;
}
