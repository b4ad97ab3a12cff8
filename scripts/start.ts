// `npm start`: the whole demo store on this machine. Builds the new frontend when its build is missing
// or stale, then starts four children: the Magento sandbox (legacy, :8081), the Next.js frontend
// (:3000), the search service (:8090, services/search; its index builds in the background, and until it
// is ready the proxy replays searches to Magento) and the routing proxy (:8080, admin :9090) with the
// example plans, catalog-search included (GraphQL products(search:) → search-service, behind the flag
// strangler.catalog-search). Waits for each, prints the URL to open, and stops all of them on Ctrl-C /
// SIGTERM, or when one of them dies. In this process it
// also runs the adapters' purge endpoint (:8082), which the sandbox PURGEs (X-Magento-Tags-Pattern) on
// every price change: it drops the tagged cache entries, the new frontend re-renders the pages built
// from them (/api/revalidate), then the proxy's shared page cache drops them (/page-cache/purge); with
// REDIS_URL it also publishes the purged tags on a per-run channel that the search service follows, so
// its index stays fresh.
// Optional env: REDIS_URL (shared caches), UNLEASH_URL + UNLEASH_API_TOKEN (flags), ADMIN_TOKEN,
// SANDBOX_PORT, FRONTEND_PORT, SEARCH_PORT, PORT, ADMIN_PORT, PURGE_PORT, PAGE_CACHE_MB (the proxy's page cache, default 64; 0 = off).
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { PurgeServer } from "@strangler/adapters";
import { DEFAULT_CRYPT_KEY } from "@strangler/magento-sandbox";
import { ensureBuild, frontendDir } from "../new-frontend/tools/ensure-build.ts";
import { buildNextStartArgs, repoRoot, startService, type RunningService } from "../new-frontend/tools/services.ts";
import { startFrontendPurge } from "../new-frontend/tools/purge.ts";

function port(name: string, fallback: number) {
  const message = `${name} must be a port number from 1 to 65535`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(65535, message).default(fallback);
}

const envSchema = z.object({
  SANDBOX_PORT: port("SANDBOX_PORT", 8081),
  FRONTEND_PORT: port("FRONTEND_PORT", 3000),
  PORT: port("PORT", 8080),
  ADMIN_PORT: port("ADMIN_PORT", 9090),
  PURGE_PORT: port("PURGE_PORT", 8082),
  SEARCH_PORT: port("SEARCH_PORT", 8090),
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional(),
  PAGE_CACHE_MB: z.string().regex(/^\d+$/, "PAGE_CACHE_MB must be a whole number of megabytes (0 = no page cache)").default("64"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL").optional(),
});

function parseEnv() {
  // An empty variable counts as unset, here as in every part of the stack.
  const set = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(set);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) console.error(`npm start: ${issue.message}`);
  process.exit(78);
}

async function main(): Promise<void> {
  const env = parseEnv();
  ensureBuild((line) => console.log(line), { showBuildOutput: true });
  const shopUrl = `http://127.0.0.1:${env.PORT}`;
  const legacyUrl = `http://127.0.0.1:${env.SANDBOX_PORT}`;
  const frontendUrl = `http://127.0.0.1:${env.FRONTEND_PORT}`;
  const searchServiceUrl = `http://127.0.0.1:${env.SEARCH_PORT}`;
  const adminToken = env.ADMIN_TOKEN ?? randomBytes(18).toString("base64url");
  const revalidateToken = randomBytes(18).toString("base64url");
  // The sandbox starts from the sample data every time: a cache left in Redis by an earlier run (prices
  // changed since) must not be read, so each run has its own key namespace.
  const run = `start-${Date.now().toString(36)}`;
  const redis = env.REDIS_URL ? { redisUrl: env.REDIS_URL, redisKeyPrefix: `strangler:adapters:${run}:`, nextCacheKeyPrefix: `strangler:next:${run}:` } : {};
  // The same per-run namespace for purge messages: another run's sandbox changes nothing here.
  const purgeChannel = `strangler:purge:${run}`;
  let purge: PurgeServer | undefined;
  const plansDir = join(repoRoot, "migration-plans", "plans");
  const services: RunningService[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping proxy, search service, new frontend and sandbox ...");
    await purge?.close();
    for (const service of [...services].reverse()) await service.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  const start = async (spec: Parameters<typeof startService>[0], listening: string) => {
    console.log(`npm start: starting ${spec.name} ...`);
    const service = await startService(spec, 90_000);
    console.log(`npm start: ${spec.name} listening on ${listening}`);
    services.push(service);
    service.child.once("exit", (code, signal) => {
      if (stopping) return;
      console.error(`npm start: ${service.name} stopped (${code ?? signal}); stopping the others`);
      void stopAll(1);
    });
  };

  try {
    // The purge endpoint first: the sandbox PURGEs it (as Magento does its Varnish) on every price change.
    purge = await startFrontendPurge({
      port: env.PURGE_PORT, magentoUrl: legacyUrl, frontendUrl, revalidateToken, ...redis, ...(redis.redisUrl ? { publishChannel: purgeChannel } : {}),
      proxyAdmin: { url: `http://127.0.0.1:${env.ADMIN_PORT}`, token: adminToken },
    });
    console.log(`npm start: purge endpoint listening on ${purge.url}`);
    await start({ name: "magento-sandbox", args: [join(repoRoot, "magento-sandbox", "src", "main.ts")], cwd: join(repoRoot, "magento-sandbox"),
      env: { SANDBOX_PORT: String(env.SANDBOX_PORT), SANDBOX_HOST: "127.0.0.1", SANDBOX_BASE_URL: `${shopUrl}/`, SANDBOX_PURGE_URLS: `${purge.url}/` }, readyUrl: `${legacyUrl}/` }, legacyUrl);
    await start({ name: "new-frontend", args: buildNextStartArgs(env.FRONTEND_PORT), cwd: frontendDir,
      // Its search page queries the proxy's /graphql, so the catalog-search plan and flag pick the answering side.
      env: { MAGENTO_URL: legacyUrl, PUBLIC_URL: shopUrl, SEARCH_URL: `${shopUrl}/graphql`, REVALIDATE_TOKEN: revalidateToken, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
        REDIS_URL: redis.redisUrl ?? "", REDIS_KEY_PREFIX: redis.redisKeyPrefix ?? "", NEXT_CACHE_KEY_PREFIX: redis.nextCacheKeyPrefix ?? "",
        // The sandbox's crypt key: the new side reads a shopper's currency and group from X-Magento-Vary.
        MAGENTO_CRYPT_KEY: DEFAULT_CRYPT_KEY, MAGENTO_CURRENCIES: "USD,EUR" },
      readyUrl: `${frontendUrl}/api/health` }, frontendUrl);
    // Ready once it listens (/healthz): the index builds meanwhile, and the proxy replays the 503s to Magento.
    await start({ name: "search-service", args: [join(repoRoot, "services", "search", "src", "main.ts")], cwd: join(repoRoot, "services", "search"),
      env: { MAGENTO_URL: legacyUrl, SEARCH_PORT: String(env.SEARCH_PORT), SEARCH_HOST: "127.0.0.1", SEARCH_ENGINE: "orama",
        REDIS_URL: redis.redisUrl ?? "", PURGE_CHANNEL: purgeChannel },
      readyUrl: `${searchServiceUrl}/healthz` }, searchServiceUrl);
    await start({ name: "proxy", args: [join(repoRoot, "proxy", "src", "main.ts")], cwd: join(repoRoot, "proxy"),
      env: { PORT: String(env.PORT), ADMIN_PORT: String(env.ADMIN_PORT), HOST: "127.0.0.1", ADMIN_TOKEN: adminToken, LEGACY_URL: legacyUrl,
        NEW_FRONTEND_URL: frontendUrl, UPSTREAM_SEARCH_SERVICE_URL: searchServiceUrl, PLANS_DIR: plansDir, FLAG_STATE_DIR: join(repoRoot, "var", "flags"), PAGE_CACHE_MB: env.PAGE_CACHE_MB },
      readyUrl: `${shopUrl}/` }, `${shopUrl} (admin http://127.0.0.1:${env.ADMIN_PORT})`);
  } catch (error) {
    console.error(`npm start: ${(error as Error).message}`);
    await stopAll(1);
    return;
  }
  const rows: Array<[string, string, string]> = [
    ["shop (the proxy)", shopUrl, "open this one"],
    ["admin API", `http://127.0.0.1:${env.ADMIN_PORT}`, `Authorization: Bearer ${env.ADMIN_TOKEN ? "$ADMIN_TOKEN" : adminToken}`],
    ["legacy Magento", legacyUrl, "the 2.4.8 sandbox, Luma sample data"],
    ["new frontend", frontendUrl, "Next.js; migrated pages"],
    ["search service", searchServiceUrl, "GraphQL products(search:) (plan catalog-search)"],
    ["purge endpoint", purge?.url ?? "-", "PURGE with X-Magento-Tags-Pattern, or POST {\"tags\": [...]}"],
    ["plans", plansDir, "edit a plan; the proxy reloads it"],
  ];
  console.log("\nStrangler demo running:");
  for (const [part, where, note] of rows) console.log(`  ${part.padEnd(18)} ${where.padEnd(30)} ${note}`);
  console.log(`\nOpen ${shopUrl}\n`);
}

await main();
