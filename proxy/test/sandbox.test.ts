// The proxy in front of the Magento sandbox with the example plans of migration-plans/plans: page types
// come from the sandbox's real GraphQL `route`, the admin path always stays on legacy, a dead new
// side falls back to the sandbox's own page, and GraphQL searches go to the real search service the
// catalog-search plan targets (configured as npm start and deploy/ do: UPSTREAM_SEARCH_SERVICE_URL).
import { join } from "node:path";
import { createAdapters } from "@strangler/adapters";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { createEngine, createSearchService, createTextAnalyzer, DEFAULT_RELEVANCE_FILE, loadRelevanceConfig, startSearchServer } from "../../services/search/src/index.ts";
import type { SearchServer, SearchService } from "../../services/search/src/index.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../src/index.ts";
import { closedPortUrl } from "./support/ports.ts";
import { ADMIN_TOKEN, startTestProxy } from "./support/proxy.ts";
import { startUpstream } from "./support/upstream.ts";
import type { TestUpstream } from "./support/upstream.ts";

const EXAMPLE_PLANS = join(import.meta.dirname, "..", "..", "migration-plans", "plans");
let sandbox: RunningSandbox;
let next: TestUpstream;
let proxy: RunningProxy;
let adapters: ReturnType<typeof createAdapters>;
let search: SearchService;
let searchServer: SearchServer;
let searchEnv: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox();
  next = await startUpstream("new");
  const relevance = loadRelevanceConfig(DEFAULT_RELEVANCE_FILE);
  adapters = createAdapters({ magentoUrl: sandbox.url, cache: false });
  search = createSearchService({
    adapters, engine: await createEngine({ engine: "orama" }, relevance, createTextAnalyzer(relevance)), relevance,
    logger: { info: () => {}, warn: () => {}, error: () => {} }, concurrency: 6,
  });
  await search.start();
  searchServer = await startSearchServer(search);
  searchEnv = { UPSTREAM_SEARCH_SERVICE_URL: searchServer.url };
  proxy = await startTestProxy({ legacy: sandbox.url, newFrontend: next.url, plansDir: EXAMPLE_PLANS, env: searchEnv });
}, 90_000);
afterAll(async () => {
  await proxy?.close();
  await searchServer?.close();
  await search?.close();
  await adapters?.close();
  await Promise.all([next?.close(), sandbox?.close()]);
});

async function get(base: string, path: string) {
  const response = await fetch(`${base}${path}`, { headers: { "x-strangler-debug": ADMIN_TOKEN }, redirect: "manual" });
  return { status: response.status, body: await response.text(), decision: response.headers.get("x-strangler-decision") ?? "" };
}

describe("against the Magento sandbox", () => {
  it.each([
    ["/joust-duffle-bag.html", "product-pages"],
    ["/gear.html", "category-pages"],
    ["/gear/bags.html", "category-pages"],
    ["/about-us", "cms-pages"],
  ])("resolves %s through GraphQL route and sends it to the new side (%s)", async (path, plan) => {
    const response = await get(proxy.shopUrl, path);
    expect(response.body).toBe(`new GET ${path}`);
    expect(response.decision).toBe(`target=new-frontend; plan=${plan}; route=${plan}#0; reason=rollout`);
  });

  it.each(["/admin", "/admin/catalog/product/", "/checkout/cart/", "/customer/account/login/", "/no-such-page.html"])("keeps %s on legacy", async (path) => {
    const response = await get(proxy.shopUrl, path);
    expect(response.decision).toMatch(/^target=legacy; plan=-; route=-; reason=(admin-path|no-route)$/);
    expect(response.body).not.toMatch(/^new /);
    if (path.startsWith("/admin")) expect(response.decision).toContain("reason=admin-path");
  });

  it("serves the sandbox's own product page when the new side is down", async () => {
    const fallback = await startTestProxy({ legacy: sandbox.url, newFrontend: await closedPortUrl(), plansDir: EXAMPLE_PLANS, env: searchEnv });
    try {
      const response = await get(fallback.shopUrl, "/joust-duffle-bag.html");
      expect(response.status).toBe(200);
      expect(response.body).toContain("Joust Duffle Bag");
      expect(response.decision).toBe("target=legacy; plan=product-pages; route=product-pages#0; reason=fallback");
    } finally {
      await fallback.close();
    }
  });

  it("passes the sandbox's GraphQL through untouched", async () => {
    const response = await fetch(`${proxy.shopUrl}/graphql`, {
      method: "POST", headers: { "content-type": "application/json", store: "default" },
      body: JSON.stringify({ query: '{ route(url: "joust-duffle-bag.html") { type relative_url } }' }),
    });
    expect(await response.json()).toEqual({ data: { route: { type: "PRODUCT", relative_url: "joust-duffle-bag.html" } } });
  });

  it("sends a GraphQL products(search:) to the search service (catalog-search) and other queries to Magento", async () => {
    const ask = async (query: string) => {
      const response = await fetch(`${proxy.shopUrl}/graphql`, {
        method: "POST", headers: { "content-type": "application/json", "x-strangler-debug": ADMIN_TOKEN }, body: JSON.stringify({ query }),
      });
      return { decision: response.headers.get("x-strangler-decision") ?? "", json: await response.json() as { data: Record<string, { total_count?: number }> } };
    };
    const searched = await ask('{ products(search: "duffle", pageSize: 1) { total_count items { sku } } }');
    expect(searched.decision).toBe("target=search-service; plan=catalog-search; route=catalog-search#0; reason=rollout");
    expect(searched.json.data.products!.total_count).toBeGreaterThan(0);
    const other = await ask('{ route(url: "gear.html") { type } }');
    expect(other.decision).toBe("target=legacy; plan=-; route=-; reason=no-route");
  });
});
