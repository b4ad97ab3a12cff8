// The store as `npm start` runs it, for the benches: the Magento sandbox, the Next production server and
// the routing proxy as child processes (so each one's CPU is its own), plus the adapters' purge endpoint
// here. Three proxies share the sandbox and Next: `cached` (the plans at 100 %, the page cache on),
// `uncached` (the same plans, PAGE_CACHE_MB=0) and `legacy` (no plans: every page from Magento). Servers
// are pinned to core 0 with taskset; load generators run on the last core (pin.ts).
import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PurgeServer } from "@strangler/adapters";
import { frontendDir } from "../tools/ensure-build.ts";
import { buildNextStartArgs, findFreePort, repoRoot, startService, type RunningService } from "../tools/services.ts";
import { startFrontendPurge } from "../tools/purge.ts";
import { pinProcess, SERVER_CPU } from "./pin.ts";

export interface BenchStack {
  legacyUrl: string;
  nextUrl: string;
  proxies: Record<"cached" | "uncached" | "legacy", { url: string; adminUrl: string; pid: number }>;
  nextPid: number;
  adminToken: string;
  revalidateToken: string;
  close(): Promise<void>;
}

const plan = (id: string, match: string) =>
  `id: ${id}\ndescription: bench ${id}\nowner: bench\ntarget: new-frontend\nmatch:\n${match}\nrollout: { percentage: 100 }\nfallback: legacy\n`;

async function writeBenchPlans(): Promise<{ all: string; none: string }> {
  const all = await mkdtemp(join(tmpdir(), "strangler-bench-plans-"));
  const none = await mkdtemp(join(tmpdir(), "strangler-bench-noplans-"));
  await writeFile(join(all, "pages.yaml"), plan("pages", "  - pageType: PRODUCT\n  - pageType: CATEGORY\n  - pageType: CMS_PAGE"));
  await writeFile(join(all, "search.yaml"), plan("search", "  - path: /catalogsearch/result/\n    query: { q: \"*\" }"));
  await writeFile(join(all, "assets.yaml"), plan("assets", "  - path: /_next/**"));
  return { all, none };
}

export async function startBenchStack(): Promise<BenchStack> {
  const ports = await Promise.all(Array.from({ length: 9 }, () => findFreePort()));
  const [sandboxPort, nextPort, purgePort, ...proxyPorts] = ports as [number, number, number, ...number[]];
  const legacyUrl = `http://127.0.0.1:${sandboxPort}`;
  const nextUrl = `http://127.0.0.1:${nextPort}`;
  const cachedUrl = `http://127.0.0.1:${proxyPorts[0]}`;
  const adminToken = randomBytes(18).toString("base64url");
  const revalidateToken = randomBytes(18).toString("base64url");
  const plans = await writeBenchPlans();
  const services: RunningService[] = [];
  let purge: PurgeServer | undefined;
  const start = async (spec: Parameters<typeof startService>[0]) => {
    const service = await startService({ ...spec, output: "pipe" }, 180_000);
    services.push(service);
    pinProcess(service.child.pid!, SERVER_CPU);
    return service;
  };
  try {
    purge = await startFrontendPurge({ port: purgePort, magentoUrl: legacyUrl, frontendUrl: nextUrl, revalidateToken, proxyAdmin: { url: `http://127.0.0.1:${proxyPorts[1]}`, token: adminToken } });
    await start({ name: "magento-sandbox", args: [join(repoRoot, "magento-sandbox", "src", "main.ts")], cwd: join(repoRoot, "magento-sandbox"),
      env: { SANDBOX_PORT: String(sandboxPort), SANDBOX_HOST: "127.0.0.1", SANDBOX_BASE_URL: `${cachedUrl}/`, SANDBOX_PURGE_URLS: `${purge.url}/` }, readyUrl: `${legacyUrl}/` });
    const next = await start({ name: "new-frontend", args: buildNextStartArgs(nextPort), cwd: frontendDir,
      env: { MAGENTO_URL: legacyUrl, PUBLIC_URL: cachedUrl, REVALIDATE_TOKEN: revalidateToken, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", REDIS_URL: "" },
      readyUrl: `${nextUrl}/api/health` });
    const proxy = async (port: number, adminPort: number, plansDir: string, pageCacheMb: string) => {
      const service = await start({ name: `proxy :${port}`, args: [join(repoRoot, "proxy", "src", "main.ts")], cwd: join(repoRoot, "proxy"),
        env: { PORT: String(port), ADMIN_PORT: String(adminPort), HOST: "127.0.0.1", ADMIN_TOKEN: adminToken, LEGACY_URL: legacyUrl, NEW_FRONTEND_URL: nextUrl,
          PLANS_DIR: plansDir, PAGE_CACHE_MB: pageCacheMb, LOG_LEVEL: "warn", WORKERS: "1", REDIS_URL: "" },
        readyUrl: `http://127.0.0.1:${port}/` });
      return { url: `http://127.0.0.1:${port}`, adminUrl: `http://127.0.0.1:${adminPort}`, pid: service.child.pid! };
    };
    const proxies = {
      cached: await proxy(proxyPorts[0]!, proxyPorts[1]!, plans.all, "64"),
      uncached: await proxy(proxyPorts[2]!, proxyPorts[3]!, plans.all, "0"),
      legacy: await proxy(proxyPorts[4]!, proxyPorts[5]!, plans.none, "0"),
    };
    return {
      legacyUrl, nextUrl, proxies, nextPid: next.child.pid!, adminToken, revalidateToken,
      async close() {
        await purge?.close();
        for (const service of services.reverse()) await service.stop();
      },
    };
  } catch (error) {
    await purge?.close();
    for (const service of services.reverse()) await service.stop();
    throw error;
  }
}
