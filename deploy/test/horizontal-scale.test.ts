// Past one replica, on loopback: 3 proxy processes and 2 Next processes behind Debian's nginx (one pool
// each, as two Kubernetes Services would be), all sharing one Redis, in front of the Magento sandbox.
//  - Next's cache is shared (new-frontend/next-cache-handler.ts): a price change in Magento PURGEs the
//    purge endpoint, which revalidates through ONE Next replica, and both serve the fresh page.
//  - Under load, one proxy and one Next are killed (SIGKILL): no shopper request fails, no shopper
//    changes side (the side follows strangler_sid, so any proxy decides the same), and the cart — kept by
//    Magento, not by a proxy — is the same before and after.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { ensureBuild, frontendDir } from "@strangler/new-frontend/tools/ensure-build.ts";
import { buildNextStartArgs, findFreePort, repoRoot, startService, type RunningService } from "@strangler/new-frontend/tools/services.ts";
import { startFrontendPurge } from "@strangler/new-frontend/tools/purge.ts";
import { writePlans } from "@strangler/new-frontend/test/support/plans.ts";
import type { PurgeServer } from "@strangler/adapters";
import { createRedisClient } from "@strangler/adapters/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNginx, type RunningNginx } from "./support/nginx.ts";

const adminToken = "scale-admin-token-0123456789";
const revalidateToken = "scale-revalidate-token-0123456789";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// This run's own keys in the shared Redis, so parallel runs never see each other's prices.
const run = randomUUID();
const redisKeyPrefix = `strangler:test:scale:${run}:adapters:`;
const nextCacheKeyPrefix = `strangler:test:scale:${run}:next:`;
const debug = { "x-strangler-debug": adminToken };
// A browser's user agent: the proxy sends crawlers to one side without a session cookie (BOT_SIDE).
const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" };

let sandbox: RunningSandbox;
let nginx: RunningNginx;
let purge: PurgeServer;
const nexts: RunningService[] = [];
const proxies: RunningService[] = [];
const nextUrls: string[] = [];
let shopUrl = "";

beforeAll(async () => {
  ensureBuild();
  const [shopPort, nextPoolPort, purgePort, ...ports] = await Promise.all(Array.from({ length: 3 + 2 + 6 }, () => findFreePort()));
  const nextPorts = ports.slice(0, 2);
  const proxyPorts = ports.slice(2, 5);
  const adminPorts = ports.slice(5).concat(await findFreePort(), await findFreePort());
  shopUrl = `http://127.0.0.1:${shopPort}`;
  sandbox = await startSandbox({ port: 0, host: "127.0.0.1", baseUrl: `${shopUrl}/`, purgeUrls: [`http://127.0.0.1:${purgePort}/`] });
  nginx = await startNginx([
    { name: "shop", port: shopPort!, members: proxyPorts.map((port) => `127.0.0.1:${port}`) },
    { name: "next", port: nextPoolPort!, members: nextPorts.map((port) => `127.0.0.1:${port}`) },
  ]);
  nextUrls.push(...nextPorts.map((port) => `http://127.0.0.1:${port}`));
  nexts.push(...await Promise.all(nextPorts.map((port, i) => startService({
    name: `new-frontend-${i}`, args: buildNextStartArgs(port), cwd: frontendDir, output: "pipe",
    env: {
      MAGENTO_URL: sandbox.url, PUBLIC_URL: shopUrl, REVALIDATE_TOKEN: revalidateToken, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisKeyPrefix,
      NEXT_CACHE_KEY_PREFIX: nextCacheKeyPrefix, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
    },
    readyUrl: `http://127.0.0.1:${port}/api/health`,
  }, 90_000))));
  // One catalog plan (one flag) for product and category pages: a shopper is on one side for both.
  const plansDir = await writePlans(50, "shared");
  proxies.push(...await Promise.all(proxyPorts.map((port, i) => startService({
    name: `proxy-${i}`, args: [join(repoRoot, "proxy", "src", "main.ts")], cwd: repoRoot, output: "pipe",
    env: {
      PORT: String(port), ADMIN_PORT: String(adminPorts[i]), HOST: "127.0.0.1", ADMIN_TOKEN: adminToken, LEGACY_URL: sandbox.url,
      NEW_FRONTEND_URL: nginx.urls.next!, PLANS_DIR: plansDir, REDIS_URL: redisUrl, LOG_LEVEL: "silent", WORKERS: "1", NODE_ENV: "production",
      // Failover is under test, not render speed: on a loaded 2-core CI machine a render past the 2 s default
      // would be replayed to legacy (a side flip this test counts), whatever nginx and the replicas do.
      FIRST_BYTE_TIMEOUT_MS: "10000",
    },
    readyUrl: `http://127.0.0.1:${adminPorts[i]}/readyz`,
  }))));
  // The purge endpoint tells ONE replica to revalidate; the shared cache must carry it to the other.
  purge = await startFrontendPurge({ port: purgePort!, magentoUrl: sandbox.url, frontendUrl: nextUrls[0]!, revalidateToken, redisUrl, redisKeyPrefix });
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([...proxies, ...nexts].map((service) => service.stop()));
  await Promise.allSettled([purge?.close(), nginx?.stop()]);
  await sandbox?.close();
  // This run's keys (both prefixes are hash tags starting with this run's name).
  const redis = createRedisClient(redisUrl);
  const keys = await redis.keys(`{strangler:test:scale:${run}:*`);
  if (keys.length > 0) await Promise.all(keys.map((key) => redis.unlink(key)));
  redis.disconnect();
});

async function changePriceAsAdmin(sku: string, price: number): Promise<void> {
  const tokenResponse = await fetch(`${sandbox.url}/rest/V1/integration/admin/token`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "admin123" }),
  });
  const token = (await tokenResponse.json()) as string;
  const response = await fetch(`${sandbox.url}/rest/V1/products/${sku}`, {
    method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ product: { price } }),
  });
  expect(response.status).toBe(200);
}

const readPrice = (html: string, name: string) => {
  const item = html.indexOf(`>${name}</a>`);
  return /<span class="price">([^<]+)<\/span>/.exec(item >= 0 ? html.slice(item) : html)?.[1];
};

async function getFromReplica(url: string): Promise<{ price?: string; cache: string | null }> {
  const response = await fetch(`${url}/fusion-backpack.html`);
  expect(response.status).toBe(200);
  return { price: readPrice(await response.text(), "Fusion Backpack"), cache: response.headers.get("x-nextjs-cache") };
}

describe("Next's cache shared through Redis", () => {
  it("both Next replicas serve the fresh page after one purge that reached only one of them", async () => {
    // Rendered once, then a HIT on both replicas: the page is in the shared cache, not rendered per replica.
    await getFromReplica(nextUrls[0]!);
    for (const url of nextUrls) await expect.poll(() => getFromReplica(url), { timeout: 10_000 }).toEqual({ price: "$59.00", cache: "HIT" });

    await changePriceAsAdmin("24-MB02", 64);
    for (const url of nextUrls) await expect.poll(async () => (await getFromReplica(url)).price, { timeout: 15_000 }).toBe("$64.00");
    // …and shoppers through nginx and any proxy get it too.
    const shop = await fetch(`${shopUrl}/fusion-backpack.html`, { headers: { ...debug, cookie: "strangler_sid=always-new-0" } });
    expect(readPrice(await shop.text(), "Fusion Backpack")).toBe("$64.00");
  });
});

interface Shopper {
  cookies: Map<string, string>;
  side?: string;
}

function cookieHeader(shopper: Shopper): string {
  return [...shopper.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

function keepCookies(shopper: Shopper, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    shopper.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

async function shop(shopper: Shopper, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${shopUrl}${path}`, { ...init, redirect: "manual", headers: { ...debug, ...browser, cookie: cookieHeader(shopper), ...init.headers } });
  keepCookies(shopper, response);
  return response;
}

const sideOf = (response: Response) => /target=([\w-]+)/.exec(response.headers.get("x-strangler-decision") ?? "")?.[1];

async function cartCount(shopper: Shopper): Promise<number | undefined> {
  const response = await shop(shopper, "/customer/section/load/?sections=cart");
  return ((await response.json()) as { cart?: { summary_count?: number } }).cart?.summary_count;
}

describe("three proxies and two Next replicas behind nginx", () => {
  it("lose no request, flip no shopper and keep the cart while one proxy and one Next die under load", async () => {
    // Both replicas have the pages in the shared cache, and every proxy has resolved the pages' types (through
    // Redis), so no first request goes to legacy for want of one.
    for (const url of nextUrls) for (const path of ["/joust-duffle-bag.html", "/gear/bags.html", "/fusion-backpack.html"]) await (await fetch(`${url}${path}`)).arrayBuffer();
    for (let i = 0; i < 6; i++) for (const path of ["/joust-duffle-bag.html", "/gear/bags.html", "/fusion-backpack.html"]) await (await fetch(`${shopUrl}${path}`, { headers: browser })).arrayBuffer();
    const shoppers: Shopper[] = Array.from({ length: 12 }, () => ({ cookies: new Map() }));
    for (const shopper of shoppers) {
      const first = await shop(shopper, "/joust-duffle-bag.html");
      expect(first.status).toBe(200);
      expect(shopper.cookies.has("strangler_sid"), `${first.headers.get("x-strangler-decision")} ${first.headers.getSetCookie().join(" | ")}`).toBe(true);
      shopper.side = sideOf(first);
    }
    // A 50 % plan: both sides have shoppers, so a flip either way would show.
    expect(new Set(shoppers.map((s) => s.side))).toEqual(new Set(["legacy", "new-frontend"]));

    const buyer = shoppers[0]!;
    const login = await (await shop(buyer, "/customer/account/login/")).text();
    const formKey = /name="form_key" type="hidden" value="([^"]+)"/.exec(login)?.[1] ?? "";
    await shop(buyer, "/customer/account/loginPost/", { method: "POST", body: new URLSearchParams({ form_key: formKey, "login[username]": "roni_cost@example.com", "login[password]": "Test1234!" }) });
    const product = await (await shop(buyer, "/joust-duffle-bag.html")).text();
    const productId = /name="product" value="(\d+)"/.exec(product)?.[1] ?? "";
    await shop(buyer, `/checkout/cart/add/product/${productId}/`, { method: "POST", body: new URLSearchParams({ form_key: formKey, product: productId, qty: "1" }) });
    const cartBefore = await cartCount(buyer);
    expect(cartBefore).toBeGreaterThan(0);

    const failures: string[] = [];
    const flips: string[] = [];
    let served = 0;
    const paths = ["/joust-duffle-bag.html", "/gear/bags.html", "/fusion-backpack.html", "/customer/account/login/"];
    const deadline = Date.now() + 8_000;
    const worker = async (w: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const shopper = shoppers[(w + n) % shoppers.length]!;
        const path = paths[n % paths.length]!;
        try {
          const response = await shop(shopper, path);
          await response.arrayBuffer();
          served += 1;
          if (response.status >= 400) failures.push(`${path}: HTTP ${response.status}`);
          const side = sideOf(response);
          if (path !== "/customer/account/login/" && side !== shopper.side) flips.push(`${path}: ${shopper.side} → ${response.headers.get("x-strangler-decision")}`);
        } catch (error) {
          failures.push(`${path}: ${String(error)}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const killedProxy = proxies[1]!.child;
    const killedNext = nexts[1]!.child;
    process.kill(killedProxy.pid!, "SIGKILL");
    process.kill(killedNext.pid!, "SIGKILL");
    const servedBeforeKill = served;
    await load;

    expect(killedProxy.signalCode).toBe("SIGKILL");
    expect(killedNext.signalCode).toBe("SIGKILL");
    expect(servedBeforeKill).toBeGreaterThan(20);
    expect(served - servedBeforeKill).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    expect(flips).toEqual([]);
    // The same cart through each of the surviving proxies (nginx's round robin), with the same count.
    for (let i = 0; i < 4; i++) expect(await cartCount(buyer)).toBe(cartBefore);
  }, 60_000);
});
