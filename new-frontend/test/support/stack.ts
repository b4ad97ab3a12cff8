// The whole store for e2e tests: the Magento sandbox (legacy, in process), the Next production server
// (child process, so a test can stop it), and the routing proxy (in process) in front of both.
import { pino } from "pino";
import { DEFAULT_CRYPT_KEY, startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { createProxy, loadConfig, type RunningProxy } from "@strangler/proxy";
import { buildNextStartArgs, findFreePort, startService, type RunningService } from "../../tools/services.ts";
import { frontendDir } from "../../tools/ensure-build.ts";
import { startFrontendPurge } from "../../tools/purge.ts";

export const adminToken = "e2e-admin-token-0123456789";
export const revalidateToken = "e2e-revalidate-token-0123456789";

export interface Stack {
  sandbox: RunningSandbox;
  next: RunningService;
  nextUrl: string;
  shopUrl: string;
  proxy: RunningProxy;
  /** Replaces the proxy with one reading other plans (same port, so the browser's cookies still apply). */
  restartProxy(plansDir: string): Promise<void>;
  stopNext(): Promise<void>;
  close(): Promise<void>;
}

async function startProxy(port: number, plansDir: string, legacyUrl: string, nextUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningProxy> {
  const env = {
    PORT: String(port), ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN: adminToken, LEGACY_URL: legacyUrl,
    NEW_FRONTEND_URL: nextUrl, PLANS_DIR: plansDir,
    LOG_LEVEL: "silent", WORKERS: "1", NODE_ENV: "test" as const, ...extraEnv,
  };
  // No flag service configured: the plans' own rollout decides, with the same hashing Unleash uses.
  return createProxy(loadConfig(env), { logger: pino({ level: "silent" }), defaultMetrics: false });
}

/**
 * Next loads a route's code on its first request: on this shared 2-core machine that first render can
 * outlast the proxy's 2 s first-byte timeout, and the proxy then (rightly) answers from legacy. One
 * product and one category page that no test looks at load the catalog route before shoppers arrive.
 */
async function warmUp(nextUrl: string): Promise<void> {
  for (const path of ["/overnight-duffle.html", "/gear/watches.html"]) await (await fetch(`${nextUrl}${path}`)).text();
}

export interface StackOptions {
  /**
   * Wire Magento's cache invalidation as `npm start` does: the sandbox PURGEs (X-Magento-Tags-Pattern)
   * the adapters' purge endpoint on every price change, which revalidates the new frontend. Default off,
   * so tests can change prices and call /api/revalidate themselves.
   */
  purge?: boolean;
  /**
   * A second store view: the sandbox's `fr` view gets this public URL (its own host), the proxy maps that
   * host to `fr` (STORE_HOSTS) and the frontend renders `default` and `fr` (STORE_CODES, STORE_PUBLIC_URLS).
   */
  frStoreUrl?: string;
  /** More environment for the Next server (METRICS_PORT, …). */
  nextEnv?: Record<string, string>;
  /**
   * The search service as `npm start` wires it: the proxy knows the `search-service` upstream (and keeps
   * flags in `flagStateDir`, so a test can kill one), and the frontend sends its searches to the proxy's /graphql.
   */
  search?: { serviceUrl: string; flagStateDir: string };
  /** The proxy's shared page cache on (PAGE_CACHE_MB), purged by the purge endpoint after the frontend. */
  pageCache?: boolean;
}

export async function startStack(plansDir: string, options: StackOptions = {}): Promise<Stack> {
  const [proxyPort, nextPort, purgePort] = await Promise.all([findFreePort(), findFreePort(), findFreePort()]);
  const shopUrl = `http://127.0.0.1:${proxyPort}`;
  const purgeUrls = options.purge ? [`http://127.0.0.1:${purgePort}/`] : [];
  const fr = options.frStoreUrl;
  const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", baseUrl: `${shopUrl}/`, purgeUrls, ...(fr ? { storeUrls: { fr: `${fr}/` } } : {}) });
  const proxyEnv: Record<string, string> = {
    ...(fr ? { STORE_CODES: "default,fr", STORE_HOSTS: `${new URL(fr).hostname}=fr,${new URL(shopUrl).hostname}=default` } : {}),
    // A cold search render makes a second hop through this proxy (its GraphQL query); the 2 s first-byte
    // default would turn a slow first render on the loaded test machine into a fallback. Routing is under test, not speed.
    ...(options.search ? { UPSTREAM_SEARCH_SERVICE_URL: options.search.serviceUrl, FLAG_STATE_DIR: options.search.flagStateDir, FIRST_BYTE_TIMEOUT_MS: "15000" } : {}),
  };
  const storeEnv: Record<string, string> = {
    ...(fr ? { STORE_CODES: "default,fr", STORE_PUBLIC_URLS: `fr=${fr}` } : {}),
    ...(options.search ? { SEARCH_URL: `${shopUrl}/graphql` } : {}),
    // As `npm start` wires it: the sandbox's crypt key, so shoppers' currency and group read from X-Magento-Vary.
    MAGENTO_CRYPT_KEY: DEFAULT_CRYPT_KEY, MAGENTO_CURRENCIES: "USD,EUR",
  };
  if (options.pageCache) proxyEnv.PAGE_CACHE_MB = "16";
  const nextUrl = `http://127.0.0.1:${nextPort}`;
  const next = await startService({
    name: "new-frontend",
    args: buildNextStartArgs(nextPort),
    cwd: frontendDir,
    // No REDIS_URL: each run keeps its cache to itself (a shared Redis would mix runs' prices).
    env: { MAGENTO_URL: sandbox.url, PUBLIC_URL: shopUrl, REVALIDATE_TOKEN: revalidateToken, REDIS_URL: "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...storeEnv, ...options.nextEnv },
    readyUrl: `${nextUrl}/api/health`,
    output: "pipe",
  });
  await warmUp(nextUrl);
  let proxy = await startProxy(proxyPort, plansDir, sandbox.url, nextUrl, proxyEnv);
  // The proxy's admin URL is read when a purge arrives, so it follows restartProxy.
  const proxyAdmin = options.pageCache ? { get url() { return stack.proxy.adminUrl; }, token: adminToken } : undefined;
  const purge = options.purge ? await startFrontendPurge({ port: purgePort, magentoUrl: sandbox.url, frontendUrl: nextUrl, revalidateToken, ...(proxyAdmin ? { proxyAdmin } : {}) }) : undefined;
  const stack: Stack = {
    sandbox, next, nextUrl, shopUrl, proxy,
    async restartProxy(dir) {
      await stack.proxy.close();
      proxy = await startProxy(proxyPort, dir, sandbox.url, nextUrl, proxyEnv);
      stack.proxy = proxy;
    },
    stopNext: () => next.stop(),
    async close() {
      await Promise.allSettled([stack.proxy.close(), next.stop(), purge?.close()]);
      await sandbox.close();
    },
  };
  return stack;
}
