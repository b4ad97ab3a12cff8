// The new frontend's search page through the proxy's GraphQL routing, wired as `npm start` wires it:
// the page's query goes to the proxy's /graphql (SEARCH_URL), where the example catalog-search
// plan (migration-plans/plans/catalog-search.yaml) sends it to the real search service (Orama, its index
// built from the sandbox through the adapters). Killing the plan's flag sends the next search to Magento.
// The search service is imported from its workspace's source by path (as the proxy's tests do).
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdapters } from "@strangler/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createSearchService, createTextAnalyzer, DEFAULT_RELEVANCE_FILE, loadRelevanceConfig, startSearchServer } from "../../../services/search/src/index.ts";
import type { SearchServer, SearchService } from "../../../services/search/src/index.ts";
import { repoRoot } from "../../tools/services.ts";
import { writePlans } from "../support/plans.ts";
import { adminToken, startStack, type Stack } from "../support/stack.ts";

const FLAG = "strangler.catalog-search";

/** In front of the search service (whose sandbox exists only once the stack is up): counts the queries it got. */
interface Relay { url: string; target: string; queries: number; server: Server }

async function startRelay(): Promise<Relay> {
  const relay: Relay = { url: "", target: "", queries: 0, server: createServer() };
  relay.server.on("request", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.url?.startsWith("/graphql")) relay.queries += 1;
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !["host", "connection", "content-length", "transfer-encoding"].includes(name))) as Record<string, string>;
      fetch(`${relay.target}${req.url}`, { method: req.method!, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) }).then(async (answer) => {
        res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
        res.end(Buffer.from(await answer.arrayBuffer()));
      }, () => res.destroy());
    });
  });
  await new Promise<void>((resolve) => relay.server.listen(0, "127.0.0.1", resolve));
  relay.url = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}`;
  return relay;
}

let stack: Stack;
let relay: Relay;
let flagDir: string;
let plansDir: string;
let adapters: ReturnType<typeof createAdapters>;
let search: SearchService;
let searchServer: SearchServer;

beforeAll(async () => {
  relay = await startRelay();
  flagDir = await mkdtemp(join(tmpdir(), "strangler-e2e-flags-"));
  plansDir = await writePlans(100);
  await copyFile(join(repoRoot, "migration-plans", "plans", "search-results.yaml"), join(plansDir, "search-results.yaml"));
  await copyFile(join(repoRoot, "migration-plans", "plans", "catalog-search.yaml"), join(plansDir, "catalog-search.yaml"));
  stack = await startStack(plansDir, { search: { serviceUrl: relay.url, flagStateDir: flagDir } });
  const relevance = loadRelevanceConfig(DEFAULT_RELEVANCE_FILE);
  adapters = createAdapters({ magentoUrl: stack.sandbox.url, cache: false });
  search = createSearchService({
    adapters, engine: await createEngine({ engine: "orama" }, relevance, createTextAnalyzer(relevance)), relevance,
    logger: { info: () => {}, warn: () => {}, error: () => {} }, concurrency: 6,
  });
  await search.start();
  searchServer = await startSearchServer(search);
  relay.target = searchServer.url;
}, 240_000);
afterAll(async () => {
  await stack?.close();
  await searchServer?.close();
  await search?.close();
  await adapters?.close();
  await new Promise((resolve) => relay?.server.close(resolve));
  await Promise.all([flagDir, plansDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Decision { method: string; path: string; upstream: string; plan: string; reason: string }

async function lastGraphqlDecision(): Promise<Decision | undefined> {
  const answer = await fetch(`${stack.proxy.adminUrl}/decisions?limit=20`, { headers: { authorization: `Bearer ${adminToken}` } });
  const { decisions } = await answer.json() as { decisions: Decision[] };
  return decisions.find((decision) => decision.path === "/graphql");
}

async function searchPage(text: string) {
  const before = relay.queries;
  const response = await fetch(`${stack.shopUrl}/catalogsearch/result/?q=${encodeURIComponent(text)}`, { headers: { "x-strangler-debug": adminToken } });
  return { status: response.status, html: await response.text(), decision: response.headers.get("x-strangler-decision") ?? "", serviceQueries: relay.queries - before };
}

describe("the new frontend's search page", () => {
  it("is answered by the search service through the proxy's catalog-search plan", async () => {
    const page = await searchPage("duffle");
    expect(page.status).toBe(200);
    expect(page.decision, `${page.decision}\n${stack.next.recentOutput()}`).toMatch(/^target=new-frontend; plan=search-results;/);
    expect(page.html).toContain('<meta name="generator" content="strangler-new-frontend"/>');
    expect(page.html).toContain("Joust Duffle Bag");
    expect(page.serviceQueries).toBe(1);
    expect(await lastGraphqlDecision()).toMatchObject({ upstream: "search-service", plan: "catalog-search", reason: "rollout" });
  });

  it("goes back to Magento when the plan's flag is killed (rollback), and the page still answers", async () => {
    const killed = await fetch(`${stack.proxy.adminUrl}/flags/${FLAG}/kill`, { method: "POST", headers: { authorization: `Bearer ${adminToken}` } });
    expect(killed.status).toBe(200);
    // Another phrase than before: the adapters' cache would answer a repeated one without asking anybody.
    const page = await searchPage("backpack");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Fusion Backpack");
    expect(page.serviceQueries).toBe(0);
    expect(await lastGraphqlDecision()).toMatchObject({ upstream: "legacy", plan: "catalog-search" });
  });
});
