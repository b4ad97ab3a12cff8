// Standalone purge endpoint for Magento's "Full Page Cache → Varnish" purges: drops the adapters'
// shared (Redis) cache entries, tells the new frontend to revalidate the same tags (or everything,
// for Magento's full flush `.*`) and publishes them on Redis for other subscribers (the search service).
// Env (parsed once here): MAGENTO_URL, REDIS_URL (the cache to purge: redis://, rediss:// or
// redis+cluster://host:port,host:port), REDIS_KEY_PREFIX,
// PURGE_PORT (default 6081), PURGE_HOST (default 127.0.0.1), REVALIDATE_URL + REVALIDATE_TOKEN (optional),
// PURGE_PUBLISH_CHANNEL (the Redis channel purged tags are published on, default strangler:purge),
// and who may purge / how (src/purge/config.ts): PURGE_ALLOWED_ADDRESSES, PURGE_TOKEN,
// PURGE_ALLOW_FULL_FLUSH, PURGE_BUDGET_MS.
import { z } from "zod";
import { AdapterConfigError, createAdapters, createPurgeHandler, createPurgePublisher, DEFAULT_PURGE_CHANNEL, loadPurgeEnv, startPurgeServer } from "../src/index.ts";
import type { PurgeConfig } from "../src/index.ts";
import { consoleLogger, createCounterMetrics } from "../src/observability.ts";
import { describeRedisUrlProblem } from "../src/cache/redis-client.ts";
import { createRevalidateNotifier } from "../src/revalidate-notifier.ts";

const env = z.object({
  MAGENTO_URL: z.url(),
  REDIS_URL: z.string({ message: "REDIS_URL is required (the purge must reach the shared cache)" }).superRefine((url, ctx) => {
    const problem = describeRedisUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  REDIS_KEY_PREFIX: z.string().min(1).optional(),
  PURGE_PORT: z.coerce.number().int().min(0).max(65535).default(6081),
  PURGE_HOST: z.string().default("127.0.0.1"),
  REVALIDATE_URL: z.url().optional(),
  REVALIDATE_TOKEN: z.string().min(16).optional(),
  PURGE_PUBLISH_CHANNEL: z.preprocess((value) => (value === "" ? undefined : value),
    z.string().regex(/^[A-Za-z0-9:_.-]{1,200}$/, "may hold letters, digits and : _ . - (at most 200)").default(DEFAULT_PURGE_CHANNEL)),
}).refine((e) => !e.REVALIDATE_URL || e.REVALIDATE_TOKEN, { message: "REVALIDATE_TOKEN is required with REVALIDATE_URL", path: ["REVALIDATE_TOKEN"] })
  .safeParse(process.env);

function exitWith(message: string): never {
  console.error(`purge-server: ${message}`);
  process.exit(2);
}

if (!env.success) exitWith(env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
let purgeConfig: PurgeConfig;
try {
  purgeConfig = loadPurgeEnv(process.env);
} catch (error) {
  if (!(error instanceof AdapterConfigError)) throw error;
  exitWith(error.message);
}

const metrics = createCounterMetrics();
const adapters = createAdapters({ magentoUrl: env.data.MAGENTO_URL, redisUrl: env.data.REDIS_URL, redisKeyPrefix: env.data.REDIS_KEY_PREFIX, metrics });
const notify = env.data.REVALIDATE_URL && env.data.REVALIDATE_TOKEN
  ? createRevalidateNotifier({ url: env.data.REVALIDATE_URL, token: env.data.REVALIDATE_TOKEN, logger: consoleLogger, metrics })
  : undefined;
const publish = createPurgePublisher({ redisUrl: env.data.REDIS_URL, channel: env.data.PURGE_PUBLISH_CHANNEL, logger: consoleLogger, metrics });
// Purges that arrive before Redis answers would fail (503, then retried): connect first.
if (!(await adapters.ready(5000))) consoleLogger.warn("Redis is not reachable yet; purges answer 503 and are retried until it is");
// The frontend first, then the channel: a proxy page cache that hears the purge must not refill from a
// frontend page rendered before it (the frontend re-renders on its next request once revalidated).
const onPurged = async (tags: string[], info: { all: boolean }) => {
  await notify?.(tags, info);
  await publish(tags, info);
};
const handler = createPurgeHandler({ ...purgeConfig, cache: adapters, logger: consoleLogger, metrics, onPurged });
const server = await startPurgeServer({ port: env.data.PURGE_PORT, host: env.data.PURGE_HOST, handler });
const who = [purgeConfig.allowedAddresses.length > 0 ? `from ${purgeConfig.allowedAddresses.join(", ")}` : "", purgeConfig.token ? "with PURGE_TOKEN" : ""].filter(Boolean).join(" or ");
console.log(`purge-server listening on ${server.url} (PURGE with X-Magento-Tags-Pattern, or POST {"tags": [...]}; ${who}; full flush ${purgeConfig.allowFullFlush ? "allowed" : "refused"})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void Promise.all([server.close(), adapters.close(), publish.close()]).then(() => process.exit(0)));
}
