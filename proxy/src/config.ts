// The proxy's environment, parsed once at the edge by a zod schema. Nothing deeper reads process.env.
// A bad value stops start-up with a message that names the variable and what it expects; an empty
// value counts as unset.
import proxyAddr from "proxy-addr";
import { z } from "zod";
import { usableCpus } from "./cpu-quota.ts";
import { describeEnvIssues, withoutEmptyValues } from "./env-problems.ts";
import { ConfigError } from "./errors.ts";
import { flagsEnvSchema } from "./flags/index.ts";
import { redisUrlSchema } from "./redis/redis-client.ts";
import { findUnknownStores, storeHostsSchema } from "./shop/store-hosts.ts";
import { otelEnvSchema, resolveTracingConfig } from "./tracing/tracing-config.ts";
import type { TracingConfig } from "./tracing/tracing-config.ts";
import { rolloutEnvSchema } from "./rollout/config.ts";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback)
  .describe("a port number from 0 to 65535");
const millis = (fallback: number) => z.coerce.number().int().positive().default(fallback)
  .describe("a whole number of milliseconds above 0");
const count = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback)
  .describe(`a whole number of at least ${min}`);
const httpUrl = z.url({ protocol: /^https?$/ }).transform((value) => new URL(value));
const bytes = (fallback: number) => z.coerce.number().int().min(0).default(fallback).describe("a whole number of bytes");
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const csv = (fallback: string) => z.string().default(fallback)
  .transform((value) => value.split(",").map((item) => item.trim()).filter((item) => item.length > 0));

export const proxyEnvSchema = z.object({
  PORT: port(8080),
  ADMIN_PORT: port(9090),
  HOST: z.string().min(1).default("0.0.0.0").describe("an address to bind, such as 0.0.0.0"),
  ADMIN_HOST: z.string().min(1).default("127.0.0.1").describe("an address to bind, such as 127.0.0.1"),
  ADMIN_TOKEN: z.string().min(16).describe("at least 16 characters (it guards the admin port and the debug header)"),
  LEGACY_URL: httpUrl.describe("the legacy Magento's http(s) base URL, such as http://magento:80"),
  NEW_FRONTEND_URL: httpUrl.optional().describe("the new frontend's http(s) base URL, such as http://next:3000"),
  PLANS_DIR: z.string().min(1).optional().describe("a directory of migration plans"),
  REDIS_URL: redisUrlSchema,
  WORKERS: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(256)]).default(1)
    .transform((value) => (value === "auto" ? usableCpus() : value))
    .describe('a positive integer (at most 256) or "auto"'),
  ADMIN_PATH: z.string().regex(/^\/[^\s]*$/).default("/admin").describe("a path starting with /, such as /admin"),
  TRUST_PROXY: z.string().trim().default("none").superRefine(checkTrustProxy)
    .describe("none, all, or a comma-separated list of IP addresses, CIDR ranges and loopback/linklocal/uniquelocal"),
  /** Host (and port) shoppers use; sent upstream when a request names none (HTTP/1.0). Default: LEGACY_URL's host. */
  PUBLIC_HOST: z.string().regex(/^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/).optional()
    .describe("a host or host:port, such as shop.example.com"),
  ALLOWED_METHODS: csv("GET,HEAD,POST,PUT,DELETE,OPTIONS")
    .transform((methods) => methods.map((method) => method.toUpperCase()))
    .refine((methods) => methods.length > 0 && methods.every((method) => HTTP_TOKEN.test(method) && method !== "CONNECT"))
    .describe("a comma-separated list of HTTP methods (CONNECT is never allowed)"),
  BOT_SIDE: z.enum(["fallback", "target"]).default("fallback")
    .describe('"fallback" or "target": where crawlers go while a plan splits shoppers'),
  STORE_CODES: csv("default").describe("a comma-separated list of Magento store codes"),
  STORE_HOSTS: storeHostsSchema,
  MAGENTO_CRYPT_KEY: z.string().min(1).optional().describe("the store's env.php crypt/key"),
  MAGENTO_VARY_HASH: z.enum(["sha256", "sha1"]).default("sha256").describe('"sha256" (Magento 2.4.7+) or "sha1" (2.4.6 and older)'),
  MAGENTO_CUSTOMER_GROUPS: csv("1,2,3").describe("a comma-separated list of customer group ids, such as 1,2,3"),
  LEGACY_HEALTH_PATH: z.string().regex(/^\/[^\s]*$/).default("/health_check.php")
    .describe("the path on LEGACY_URL that readiness asks, such as /health_check.php"),
  READY_PROBE_INTERVAL_MS: millis(1_000),
  CONNECT_TIMEOUT_MS: millis(2_000),
  RESPONSE_TIMEOUT_MS: millis(30_000),
  FIRST_BYTE_TIMEOUT_MS: millis(2_000),
  LEGACY_FIRST_BYTE_TIMEOUT_MS: millis(30_000),
  KEEP_ALIVE_SOCKETS: count(1, 256),
  UPSTREAM_QUEUE_LENGTH: count(0, 1_024),
  UPSTREAM_QUEUE_TIMEOUT_MS: millis(5_000),
  REQUEST_BUFFER_BYTES: bytes(65_536),
  REQUEST_BODY_MIN_RATE: bytes(1_024),
  REQUEST_BODY_RATE_WINDOW_MS: millis(10_000),
  SEND_TIMEOUT_MS: millis(60_000),
  UPGRADE_IDLE_TIMEOUT_MS: millis(300_000),
  CIRCUIT_FAILURES: count(1, 5),
  CIRCUIT_OPEN_MS: millis(10_000),
  PAGE_TYPE_TIMEOUT_MS: millis(500),
  PAGE_TYPE_REDIS_TIMEOUT_MS: millis(50),
  PAGE_TYPE_TTL_MS: millis(300_000),
  PAGE_TYPE_NEGATIVE_TTL_MS: millis(60_000),
  PAGE_TYPE_CACHE_SIZE: count(1, 10_000),
  MAX_HEADER_SIZE: count(1024, 16_384),
  MAX_HEADERS_COUNT: count(1, 100),
  HEADERS_TIMEOUT_MS: millis(20_000),
  REQUEST_TIMEOUT_MS: millis(120_000),
  SHUTDOWN_TIMEOUT_MS: millis(25_000),
  DECISIONS_BUFFER: count(1, 500),
  STATS_RETENTION_MINUTES: count(5, 180),
  STATS_REDIS_PREFIX: z.string().min(1).default("strangler:stats:").describe("a Redis key prefix for traffic stats and the audit log"),
  // Stage shadow (shadow/shadow-runner.ts): mirrored requests at once, complete answers waiting, per-request
  // budget, bytes of an answer kept, share of comparisons that ask legacy again (noise), mismatches kept per plan.
  SHADOW_CONCURRENCY: count(1, 4),
  SHADOW_QUEUE_LENGTH: count(0, 64),
  SHADOW_TIMEOUT_MS: millis(5_000),
  SHADOW_BODY_BYTES: bytes(1_048_576),
  SHADOW_NOISE_PERCENT: z.coerce.number().min(0).max(100).default(10).describe("a percent from 0 to 100"),
  SHADOW_MAX_LOAD_PERCENT: z.coerce.number().min(0).max(100).default(50).describe("a percent from 0 to 100"),
  PARITY_SAMPLES: count(1, 50),
  // The shared page cache for the new side's anonymous pages (page-cache/): off at 0.
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(0).describe("a whole number of megabytes (0 turns the page cache off)"),
  PAGE_CACHE_MAX_ENTRY_BYTES: count(1024, 2 * 1024 * 1024),
  PAGE_CACHE_MAX_TTL_MS: millis(300_000),
  PAGE_CACHE_MAX_STALE_MS: z.coerce.number().int().min(0).default(60_000).describe("a whole number of milliseconds"),
  PAGE_CACHE_JOIN_WAIT_MS: millis(5_000),
  PAGE_CACHE_PURGE_REPEAT_MS: millis(2_000),
  PAGE_CACHE_PASS_MS: millis(60_000),
  PAGE_CACHE_PURGE_CHANNEL: z.string().regex(/^[A-Za-z0-9:_.-]{1,200}$/).default("strangler:purge").describe("a Redis channel name (letters, digits and : _ . -)"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")
    .describe("one of fatal, error, warn, info, debug, trace or silent"),
  ...otelEnvSchema.shape,
  ...rolloutEnvSchema.shape,
});

type ProxyEnv = z.output<typeof proxyEnvSchema>;

export interface ProxyConfig extends Omit<ProxyEnv, "LEGACY_URL" | "NEW_FRONTEND_URL" | "PUBLIC_HOST"> {
  /** PUBLIC_HOST, or LEGACY_URL's host when unset. */
  PUBLIC_HOST: string;
  /** TRUST_PROXY compiled: is a peer at this address a proxy whose X-Forwarded-* we keep? */
  isTrustedPeer: (address: string | undefined) => boolean;
  /** Upstream name → base URL: `legacy`, `new-frontend`, and one per `UPSTREAM_<NAME>_URL`. */
  upstreams: Map<string, URL>;
  /** Whatever extra schema (the flags member's) parsed, untouched. */
  extra: Record<string, unknown>;
  /** Where and how spans are exported; undefined when no OTLP endpoint is set (no spans are made then). */
  tracing: TracingConfig | undefined;
}

/**
 * Parses the environment; throws ConfigError naming every bad variable. The flags member's env schema
 * is composed in by default (its values land in `extra`); pass `null` to parse the proxy's own only.
 */
export function loadConfig(rawEnv: NodeJS.ProcessEnv, extraSchema: z.ZodObject | null = flagsEnvSchema): ProxyConfig {
  const env = withoutEmptyValues(rawEnv);
  const schema = extraSchema ? proxyEnvSchema.extend(extraSchema.shape) : proxyEnvSchema;
  if (extraSchema === flagsEnvSchema && env.UNLEASH_URL && !env.UNLEASH_API_TOKEN) {
    throw new ConfigError("invalid proxy configuration:\n  UNLEASH_API_TOKEN is required when UNLEASH_URL is set (a backend token from Unleash > API access)");
  }
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = describeEnvIssues(schema, parsed.error, env);
    throw new ConfigError(`invalid proxy configuration:\n  ${lines.join("\n  ")}`, { cause: parsed.error });
  }
  const { LEGACY_URL, NEW_FRONTEND_URL, PUBLIC_HOST, ...rest } = parsed.data as ProxyEnv & Record<string, unknown>;
  const upstreams = new Map<string, URL>([["legacy", LEGACY_URL]]);
  if (NEW_FRONTEND_URL) upstreams.set("new-frontend", NEW_FRONTEND_URL);
  for (const [name, url] of readExtraUpstreams(env)) upstreams.set(name, url);
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(extraSchema?.shape ?? {})) extra[key] = (rest as Record<string, unknown>)[key];
  const own = rest as Omit<ProxyEnv, "LEGACY_URL" | "NEW_FRONTEND_URL" | "PUBLIC_HOST">;
  const unknownStores = findUnknownStores(own.STORE_HOSTS, own.STORE_CODES);
  if (unknownStores.length > 0) {
    throw new ConfigError(`invalid proxy configuration:\n  STORE_HOSTS names ${unknownStores.join(", ")}, which STORE_CODES (${own.STORE_CODES.join(",")}) does not list`);
  }
  return { ...own, PUBLIC_HOST: PUBLIC_HOST ?? LEGACY_URL.host, isTrustedPeer: compileTrustProxy(own.TRUST_PROXY), upstreams, extra,
    tracing: resolveTracingConfig(own),
  };
}

/** `none`, `all`, or a comma-separated list of addresses, CIDR ranges and proxy-addr names (`loopback`, `linklocal`, `uniquelocal`). */
export function compileTrustProxy(value: string): (address: string | undefined) => boolean {
  if (value === "none") return () => false;
  if (value === "all") return () => true;
  const trust = proxyAddr.compile(value.split(",").map((item) => item.trim()).filter((item) => item.length > 0));
  return (address) => address !== undefined && trust(address, 0);
}

function checkTrustProxy(value: string, context: z.RefinementCtx): void {
  try {
    compileTrustProxy(value);
  } catch (error) {
    context.addIssue({
      code: "custom",
      message: (error as Error).message,
    });
  }
}

/** `UPSTREAM_SEARCH_SERVICE_URL=http://…` → upstream `search-service`. */
function readExtraUpstreams(env: Record<string, string>): Array<[string, URL]> {
  const found: Array<[string, URL]> = [];
  for (const [key, value] of Object.entries(env)) {
    const match = /^UPSTREAM_([A-Z0-9_]+)_URL$/.exec(key);
    if (!match?.[1]) continue;
    const parsed = httpUrl.safeParse(value);
    if (!parsed.success) throw new ConfigError(`invalid proxy configuration:\n  ${key} must be an http(s) URL, such as http://search:7700 (got ${JSON.stringify(value)})`);
    found.push([match[1].toLowerCase().replaceAll("_", "-"), parsed.data]);
  }
  return found;
}
