// Standalone purge endpoint for Magento's "Full Page Cache → Varnish" purges: drops the adapters'
// shared (Redis) cache entries and tells the new frontend to revalidate the same tags.
// Env (parsed once here): MAGENTO_URL, REDIS_URL (the cache to purge), REDIS_KEY_PREFIX,
// PURGE_PORT (default 6081), PURGE_HOST (default 127.0.0.1), REVALIDATE_URL + REVALIDATE_TOKEN (optional).
import { z } from "zod";
import { createAdapters, createPurgeHandler, startPurgeServer } from "../src/index.ts";
import { consoleLogger, createCounterMetrics } from "../src/observability.ts";
import { createRevalidateNotifier } from "../src/revalidate-notifier.ts";

const env = z.object({
  MAGENTO_URL: z.url(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// (the purge must reach the shared cache)"),
  REDIS_KEY_PREFIX: z.string().min(1).optional(),
  PURGE_PORT: z.coerce.number().int().min(0).max(65535).default(6081),
  PURGE_HOST: z.string().default("127.0.0.1"),
  REVALIDATE_URL: z.url().optional(),
  REVALIDATE_TOKEN: z.string().min(16).optional(),
}).refine((e) => !e.REVALIDATE_URL || e.REVALIDATE_TOKEN, { message: "REVALIDATE_TOKEN is required with REVALIDATE_URL", path: ["REVALIDATE_TOKEN"] })
  .safeParse(process.env);

if (!env.success) {
  console.error(`purge-server: ${env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  process.exit(2);
}

const metrics = createCounterMetrics();
const adapters = createAdapters({ magentoUrl: env.data.MAGENTO_URL, redisUrl: env.data.REDIS_URL, redisKeyPrefix: env.data.REDIS_KEY_PREFIX, metrics });
const notify = env.data.REVALIDATE_URL && env.data.REVALIDATE_TOKEN
  ? createRevalidateNotifier({ url: env.data.REVALIDATE_URL, token: env.data.REVALIDATE_TOKEN, logger: consoleLogger, metrics })
  : undefined;
const handler = createPurgeHandler({ cache: adapters, onPurged: async (tags) => notify?.(tags) });
const server = await startPurgeServer({ port: env.data.PURGE_PORT, host: env.data.PURGE_HOST, handler });
console.log(`purge-server listening on ${server.url} (PURGE with X-Magento-Tags-Pattern, or POST {"tags": [...]})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void Promise.all([server.close(), adapters.close()]).then(() => process.exit(0)));
}
