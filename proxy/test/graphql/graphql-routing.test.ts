// GraphQL routing through the real proxy: the real search service (Orama, its index built from a real
// sandbox through the adapters) behind the plans, the sandbox as legacy, both behind recording relays so
// every test can count what each side received. REST by path, method and query rides the same plans.
// The search service is imported from its workspace's source by path, not as a declared devDependency:
// declared, `npm ci --omit=dev -w @strangler/proxy` puts services/search's nested packages into the proxy
// and new-frontend images (deploy/test/dockerfiles.test.ts refuses them).
import { createAdapters } from "@strangler/adapters";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { createEngine, createSearchService, createTextAnalyzer, DEFAULT_RELEVANCE_FILE, loadRelevanceConfig, startSearchServer } from "../../../services/search/src/index.ts";
import type { SearchServer, SearchService } from "../../../services/search/src/index.ts";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { parseGraphql } from "../../src/shop/graphql-reader.ts";
import { ADMIN_TOKEN, createPlansDir, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startRecordingRelay } from "../support/recording-relay.ts";
import type { RecordingRelay } from "../support/recording-relay.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const PLANS = {
  "catalog-search.yaml": "id: catalog-search\ntarget: search-service\nmatch:\n  - graphql: { rootFields: [products], argument: search }\nrollout: { percentage: 100 }\n",
  "sku-lookup.yaml": "id: sku-lookup\ntarget: search-service\nmatch:\n  - graphql: { operationName: SkuLookup }\nrollout: { percentage: 100 }\npriority: 1\n",
  "half-search.yaml": "id: half-search\ntarget: search-service\nmatch:\n  - graphql: { operationName: HalfSearch }\nrollout: { percentage: 50, stickiness: sessionId }\npriority: 2\n",
  // Every POST to /graphql with this header, mutations included: only to show that a POST is never replayed.
  "raw-posts.yaml": "id: raw-posts\ntarget: search-service\nmatch:\n  - path: /graphql\n    methods: [POST]\n    header: { x-test-raw: '1' }\nrollout: { percentage: 100 }\npriority: 3\n",
  "rest-products.yaml": "id: rest-products\ntarget: catalog-api\nmatch:\n  - path: /rest/*/V1/products\n    methods: [GET]\n    query: { searchCriteria: '*' }\nrollout: { percentage: 100 }\n",
};

const SEARCH = "query ProductSearch($s: String) { products(search: $s, pageSize: 3) { total_count items { sku name } } }";

let sandbox: RunningSandbox;
let adapters: ReturnType<typeof createAdapters>;
let service: SearchService;
let searchServer: SearchServer;
let legacy: RecordingRelay;
let search: RecordingRelay;
let catalogApi: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
let parses = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  const relevance = loadRelevanceConfig(DEFAULT_RELEVANCE_FILE);
  const engine = await createEngine({ engine: "orama" }, relevance, createTextAnalyzer(relevance));
  adapters = createAdapters({ magentoUrl: sandbox.url, cache: false });
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  service = createSearchService({ adapters, engine, relevance, logger: quiet, concurrency: 6 });
  await service.start();
  searchServer = await startSearchServer(service);
  legacy = await startRecordingRelay(sandbox.url);
  search = await startRecordingRelay(searchServer.url);
  catalogApi = await startUpstream("catalog-api");
  plans = await createPlansDir(PLANS);
  proxy = await startTestProxy({
    legacy: legacy.url, plansDir: plans.dir,
    env: { UPSTREAM_SEARCH_SERVICE_URL: search.url, UPSTREAM_CATALOG_API_URL: catalogApi.url, CIRCUIT_FAILURES: "1000" },
    deps: { parseGraphql: (text) => { parses += 1; return parseGraphql(text); } },
  });
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await Promise.all([legacy?.close(), search?.close(), catalogApi?.close(), plans?.remove()]);
  await searchServer?.close();
  await service?.close();
  await adapters?.close();
  await sandbox?.close();
});

interface Answer { status: number; side: string; reason: string; setCookie: string; json: { data?: Record<string, unknown>; errors?: unknown[] } | undefined }

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${proxy.shopUrl}${path}`, { ...init, headers: { "x-strangler-debug": ADMIN_TOKEN, ...init.headers as Record<string, string> } });
  const text = await response.text();
  const decision = response.headers.get("x-strangler-decision") ?? "";
  const json = text.startsWith("{") ? JSON.parse(text) as Answer["json"] : undefined;
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { status: response.status, side: /target=([^;]+)/.exec(decision)?.[1] ?? "", reason: /reason=(.+)$/.exec(decision)?.[1] ?? "", setCookie, json };
}

function post(body: string | object, headers: Record<string, string> = {}): Promise<Answer> {
  return send("/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

function counts() {
  return { legacy: legacy.received.length, search: search.received.length };
}

async function sent(run: () => Promise<Answer>) {
  const before = counts();
  const answer = await run();
  const after = counts();
  return { ...answer, legacy: after.legacy - before.legacy, search: after.search - before.search };
}

describe("GraphQL queries go to the side their operation belongs to", () => {
  it("sends products(search:) to the search service, the body byte for byte", async () => {
    const body = `{"query":${JSON.stringify(SEARCH)},  "variables":{"s":"bag"}}`;
    const answer = await sent(() => post(body));
    expect(answer).toMatchObject({ status: 200, side: "search-service", reason: "rollout", legacy: 0, search: 1 });
    expect(search.received.at(-1)!.body).toBe(body);
    const products = answer.json!.data!.products as { total_count: number; items: { sku: string }[] };
    expect(products.total_count).toBeGreaterThan(0);
    expect(products.items).toHaveLength(3);
  });

  it("sends a GET query= to the search service", async () => {
    const params = new URLSearchParams({ query: SEARCH, variables: "{\"s\":\"jacket\"}" });
    const answer = await sent(() => send(`/graphql?${params}`));
    expect(answer).toMatchObject({ status: 200, side: "search-service", reason: "rollout", legacy: 0, search: 1 });
    expect((answer.json!.data!.products as { total_count: number }).total_count).toBeGreaterThan(0);
  });

  it("sends an operation by its name (a filter-only products)", async () => {
    const query = "query SkuLookup { products(filter: { sku: { eq: \"24-MB01\" } }) { total_count items { sku } } }";
    const answer = await sent(() => post({ query, operationName: "SkuLookup" }));
    expect(answer).toMatchObject({ status: 200, side: "search-service", reason: "rollout", legacy: 0, search: 1 });
    expect(answer.json!.data).toEqual({ products: { total_count: 1, items: [{ sku: "24-MB01" }] } });
  });

  it.each([
    ["products without a search argument", { query: "{ products(filter: { sku: { eq: \"24-MB01\" } }) { total_count } }" }, "no-route"],
    ["a search variable without a value", { query: SEARCH, variables: {} }, "no-route"],
    ["a mixed document (products and categories)", { query: "{ products(search: \"bag\") { total_count } categories { total_count } }" }, "no-route"],
    ["another operation of a document than the search", { query: `${SEARCH} query Cats { categories { total_count } }`, operationName: "Cats" }, "no-route"],
    ["a persisted query without its text", { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, "graphql-unreadable"],
    ["a query that does not parse", { query: "{ products(search: \"bag\" { total_count } }" }, "graphql-unreadable"],
  ])("keeps %s on Magento", async (_name, body, reason) => {
    const answer = await sent(() => post(body));
    expect(answer).toMatchObject({ side: "legacy", reason, legacy: 1, search: 0 });
  });

  it("keeps a query past the body bound (100 KiB) on Magento, its body sent whole", async () => {
    const query = `${SEARCH}\n#${"x".repeat(100 * 1024)}\n`;
    const body = JSON.stringify({ query, variables: { s: "bag" } });
    const answer = await sent(() => post(body));
    expect(answer).toMatchObject({ status: 200, side: "legacy", reason: "graphql-unreadable", legacy: 1, search: 0 });
    expect(legacy.received.at(-1)!.body).toBe(body);
    expect((answer.json!.data!.products as { total_count: number }).total_count).toBeGreaterThan(0);
    const { decisions } = await (await fetch(`${proxy.adminUrl}/decisions?limit=1`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { decisions: unknown[] };
    // Unread, the operation cannot pick its plan: the first graphql route by priority names the fallback.
    expect(decisions).toEqual([expect.objectContaining({ method: "POST", path: "/graphql", status: 200, upstream: "legacy", plan: "half-search", reason: "graphql-unreadable" })]);
  });

  it("keeps a mutation on Magento and sends it once", async () => {
    const answer = await sent(() => post({ query: "mutation { createEmptyCart }" }));
    expect(answer).toMatchObject({ status: 200, side: "legacy", reason: "no-route", legacy: 1, search: 0 });
    expect(typeof answer.json!.data!.createEmptyCart).toBe("string");
  });
});

describe("stickiness", () => {
  it("keeps each shopper on one side at 50 %, and both sides are seen", async () => {
    const body = { query: "query HalfSearch { products(search: \"tee\", pageSize: 1) { total_count } }", operationName: "HalfSearch" };
    const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" };
    const sides = await Promise.all(Array.from({ length: 24 }, async () => {
      // A new shopper gets the sticky cookie with the first answer, and keeps it.
      const first = await post(body, browser);
      const cookie = /^(strangler_sid=[^;]+)/.exec(first.setCookie)?.[1];
      expect(cookie).toBeDefined();
      const seen = new Set([first.side]);
      for (let i = 0; i < 5; i++) {
        const answer = await post(body, { ...browser, cookie: cookie! });
        expect([answer.status, answer.reason, answer.setCookie]).toEqual([200, "rollout", ""]);
        expect(answer.json!.data).toBeDefined();
        seen.add(answer.side);
      }
      return [...seen];
    }));
    for (const seen of sides) expect(seen).toHaveLength(1);
    expect(new Set(sides.flat())).toEqual(new Set(["legacy", "search-service"]));
  });
});

describe("fallback to Magento", () => {
  it("replays a query the service refuses (422) to Magento", async () => {
    const query = "query ProductSearch { products(search: \"bag\") { total_count items { sku media_gallery { url } } } }";
    const answer = await sent(() => post({ query }));
    expect(answer).toMatchObject({ status: 200, side: "legacy", reason: "fallback", legacy: 1, search: 1 });
    expect((answer.json!.data!.products as { total_count: number }).total_count).toBeGreaterThan(0);
  });

  it.each([500, 503])("replays a POST and a GET query the service answers %i to Magento", async (status) => {
    search.fail(status);
    try {
      const posted = await sent(() => post({ query: SEARCH, variables: { s: "bag" } }));
      expect(posted).toMatchObject({ status: 200, side: "legacy", reason: "fallback", legacy: 1, search: 1 });
      const got = await sent(() => send(`/graphql?${new URLSearchParams({ query: SEARCH, variables: "{\"s\":\"bag\"}" })}`));
      expect(got).toMatchObject({ status: 200, side: "legacy", reason: "fallback", legacy: 1, search: 1 });
    } finally {
      search.fail(undefined);
    }
  });

  it("never sends a mutation twice, even where a plan sends it to a failing new side", async () => {
    search.fail(500);
    try {
      const answer = await sent(() => post({ query: "mutation { createEmptyCart }" }, { "x-test-raw": "1" }));
      expect(answer).toMatchObject({ status: 500, side: "search-service", reason: "rollout", legacy: 0, search: 1 });
    } finally {
      search.fail(undefined);
    }
  });
});

describe("cost", () => {
  it("parses nothing for requests that are not GraphQL, and reads each GraphQL request once", async () => {
    const metric = async () => {
      const text = await (await fetch(`${proxy.adminUrl}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
      return [...text.matchAll(/^strangler_graphql_reads_total\{result="(\w+)"\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[2]), 0);
    };
    const [parsesBefore, readsBefore] = [parses, await metric()];
    await send("/joust-duffle-bag.html");
    await send("/customer/account/loginPost/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "login%5Busername%5D=a" });
    await send("/graphql-docs", { method: "POST", body: "{}" });
    expect([parses - parsesBefore, await metric() - readsBefore]).toEqual([0, 0]);
    await post({ query: SEARCH, variables: { s: "bag" } });
    expect([parses - parsesBefore, await metric() - readsBefore]).toEqual([1, 1]);
  });
});

describe("REST by path, method and query", () => {
  it("sends GET /rest/*/V1/products with searchCriteria to the service that implements it", async () => {
    const before = catalogApi.received.length;
    const answer = await send("/rest/default/V1/products?searchCriteria[pageSize]=5");
    expect(answer).toMatchObject({ status: 200, side: "catalog-api", reason: "rollout" });
    expect(catalogApi.received.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(["GET /rest/default/V1/products?searchCriteria[pageSize]=5"]);
  });

  it.each([
    ["a POST to the same path", "/rest/default/V1/products", "POST"],
    ["a GET without searchCriteria", "/rest/default/V1/products/24-MB01", "GET"],
  ])("keeps %s on Magento", async (_name, path, method) => {
    const before = catalogApi.received.length;
    const answer = await sent(() => send(path, method === "POST" ? { method, headers: { "content-type": "application/json" }, body: "{\"product\":{}}" } : {}));
    expect(answer).toMatchObject({ side: "legacy", reason: "no-route", legacy: 1 });
    expect(catalogApi.received.length).toBe(before);
  });
});

// graphql-js itself, to keep the injected spy honest: the proxy's parse is graphql's.
it("parses with graphql-js", () => {
  expect(parseGraphql("{ products { total_count } }").definitions).toHaveLength(parse("{ products { total_count } }").definitions.length);
});
