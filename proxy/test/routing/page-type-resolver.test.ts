import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PageTypeResolutionError } from "../../src/errors.ts";
import type { RunningProxy } from "../../src/index.ts";
import { createPageTypeResolver, isResolvablePath } from "../../src/routing/page-type-resolver.ts";
import type { PageTypeResolverOptions } from "../../src/routing/page-type-resolver.ts";
// adapters' private redis-server helper, shared rather than copied: a test that pauses Redis needs its own.
import { startOwnRedis } from "../../../adapters/test/support/own-redis.ts";
import { startFakeMagento } from "../support/fake-graphql.ts";
import type { FakeMagento } from "../support/fake-graphql.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let magento: FakeMagento;
let clock = 0;
const ROUTES = { "/joust-duffle-bag.html": "PRODUCT", "/gear/bags.html": "CATEGORY", "/about-us": "CMS_PAGE", "/nothing.html": null };

beforeAll(async () => { magento = await startFakeMagento(ROUTES); });
afterAll(() => magento.close());
beforeEach(() => { magento.mode.value = "ok"; });

function resolver(extra: Partial<PageTypeResolverOptions> = {}) {
  return createPageTypeResolver({
    legacyUrl: new URL(magento.url), timeoutMs: 300, ttlMs: 60_000, negativeTtlMs: 10_000, maxEntries: 100, now: () => clock, ...extra,
  });
}

describe("createPageTypeResolver", () => {
  it.each([
    ["/joust-duffle-bag.html", "PRODUCT"],
    ["/gear/bags.html", "CATEGORY"],
    ["/about-us", "CMS_PAGE"],
    ["/nothing.html", null],
  ])("resolves %s to %s and caches the answer", async (path, type) => {
    const subject = resolver();
    const before = magento.lookups();
    expect(await subject.resolve(path, "default")).toBe(type);
    expect(await subject.resolve(path, "default")).toBe(type);
    expect(subject.peek(path, "default")).toBe(type);
    expect(magento.lookups()).toBe(before + 1);
  });

  it("asks Magento once for many concurrent lookups of one path", async () => {
    const subject = resolver();
    const before = magento.lookups();
    const answers = await Promise.all(Array.from({ length: 20 }, () => subject.resolve("/joust-duffle-bag.html", "default")));
    expect(new Set(answers)).toEqual(new Set(["PRODUCT"]));
    expect(magento.lookups()).toBe(before + 1);
  });

  it("looks a path up again once its TTL (or the negative TTL) has passed", async () => {
    const subject = resolver();
    const before = magento.lookups();
    await subject.resolve("/joust-duffle-bag.html", "default");
    await subject.resolve("/nothing.html", "default");
    clock += 10_001;
    expect(subject.peek("/nothing.html", "default")).toBeUndefined();
    expect(subject.peek("/joust-duffle-bag.html", "default")).toBe("PRODUCT");
    clock += 60_000;
    expect(subject.peek("/joust-duffle-bag.html", "default")).toBeUndefined();
    await subject.resolve("/joust-duffle-bag.html", "default");
    expect(magento.lookups()).toBe(before + 3);
  });

  it.each(["slow", "error"] as const)("rejects with PageTypeResolutionError when Magento is %s, and holds the failure briefly", async (mode) => {
    magento.mode.value = mode;
    const subject = resolver();
    await expect(subject.resolve("/joust-duffle-bag.html", "default")).rejects.toThrow(PageTypeResolutionError);
    const before = magento.lookups();
    await expect(subject.resolve("/joust-duffle-bag.html", "default")).rejects.toThrow("could not resolve the page type of /joust-duffle-bag.html");
    expect(magento.lookups()).toBe(before);
  });

  it.each([
    ["/joust-duffle-bag.html", true], ["/gear", true], ["/women/tops-women.html", true],
    ["/static/version1/frontend/Magento/luma/en_US/requirejs/require.js", false], ["/media/catalog/product/a/b.jpg", false],
    ["/rest/V1/products", false], ["/graphql", false], ["/checkout/cart/", false], ["/robots.txt", false], ["/favicon.ico", false],
  ])("treats %s as resolvable: %s", (path, expected) => {
    expect(isResolvablePath(path)).toBe(expected);
  });

  it("shares answers between instances through Redis", async () => {
    const redis = new Redis("redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const keyPrefix = `strangler-test:${process.pid}:${Date.now()}:`;
    try {
      const before = magento.lookups();
      expect(await resolver({ redis, keyPrefix }).resolve("/gear/bags.html", "default")).toBe("CATEGORY");
      expect(await resolver({ redis, keyPrefix }).resolve("/gear/bags.html", "default")).toBe("CATEGORY");
      expect(magento.lookups()).toBe(before + 1);
      expect(await redis.get(`${keyPrefix}default:/gear/bags.html`)).toBe("CATEGORY");
    } finally {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it("asks Magento with the cacheable GET form of route, with the Store header", async () => {
    magento.routeRequests.length = 0;
    expect(await resolver().resolve("/gear/bags.html", "default")).toBe("CATEGORY");
    const [request] = magento.routeRequests;
    expect(request?.method).toBe("GET");
    expect(request?.store).toBe("default");
    const query = new URL(request!.url, "http://magento").searchParams;
    expect(query.get("query")).toBe("query StranglerRoute($url: String!) { route(url: $url) { type redirect_code relative_url } }");
    expect(JSON.parse(query.get("variables")!)).toEqual({ url: "/gear/bags.html" });
  });

  it("looks a store-code-prefixed path up without its prefix, in that store, and caches it per store", async () => {
    magento.routeRequests.length = 0;
    const subject = resolver({ storeCodes: ["default", "fr"] });
    expect(await subject.resolve("/fr/joust-duffle-bag.html", "fr")).toBe("PRODUCT");
    expect(subject.peek("/fr/joust-duffle-bag.html", "fr")).toBe("PRODUCT");
    expect(subject.peek("/joust-duffle-bag.html", "default")).toBeUndefined();
    expect(magento.routeRequests.map((r) => [r.store, JSON.parse(new URL(r.url, "http://m").searchParams.get("variables")!).url]))
      .toEqual([["fr", "/joust-duffle-bag.html"]]);
    expect(subject.peek("/fr/static/x.js", "fr")).toBeNull();
  });

  it("keeps the pages shoppers visit cached through a flood of random paths", async () => {
    const subject = resolver({ maxEntries: 40 });
    const real = ["/joust-duffle-bag.html", "/gear/bags.html", "/about-us"];
    for (const path of real) {
      await subject.resolve(path, "default");
      expect(subject.peek(path, "default")).toBeDefined(); // a second shopper: a hit
    }
    for (let i = 0; i < 300; i++) await subject.resolve(`/random-${i}-${Math.random().toString(36).slice(2)}.html`, "default");
    const before = magento.lookups();
    expect(real.map((path) => subject.peek(path, "default"))).toEqual(["PRODUCT", "CATEGORY", "CMS_PAGE"]);
    expect(magento.lookups()).toBe(before);
  });

  it("gives a slow Redis only its own budget: Magento answers within the lookup's", async () => {
    // A real redis-server, paused (CLIENT PAUSE) so every read hangs: the lookup must not fail with it.
    const own = await startOwnRedis();
    const redis = new Redis(own.url, { maxRetriesPerRequest: 1 });
    const admin = new Redis(own.url);
    try {
      await redis.ping();
      await admin.call("CLIENT", "PAUSE", "3000", "ALL");
      const subject = resolver({ redis, redisTimeoutMs: 50, timeoutMs: 300 });
      expect(await subject.resolve("/about-us", "default")).toBe("CMS_PAGE");
      // The same budget without its own share for Redis fails: the old behaviour this replaces.
      const starved = resolver({ redis, redisTimeoutMs: 300, timeoutMs: 300 });
      await expect(starved.resolve("/gear/bags.html", "default")).rejects.toThrow(PageTypeResolutionError);
    } finally {
      redis.disconnect();
      admin.disconnect();
      await own.kill();
    }
  });

  it("degrades to a direct lookup when Redis fails", async () => {
    const broken = { get: () => Promise.reject(new Error("down")), set: () => Promise.reject(new Error("down")) };
    expect(await resolver({ redis: broken }).resolve("/about-us", "default")).toBe("CMS_PAGE");
  });
});

describe("page-type routing through the proxy", () => {
  let next: TestUpstream;
  let plans: PlansDir;
  let proxy: RunningProxy;
  beforeAll(async () => {
    next = await startUpstream("new");
    plans = await createPlansDir({ "products.yaml": planYaml("product-pages", "  - pageType: PRODUCT") });
    proxy = await startTestProxy({ legacy: magento.url, newFrontend: next.url, plansDir: plans.dir, env: { PAGE_TYPE_TIMEOUT_MS: "300" } });
  });
  afterAll(async () => {
    await proxy.close();
    await Promise.all([next.close(), plans.remove()]);
  });

  const get = async (path: string) => {
    const response = await fetch(`${proxy.shopUrl}${path}`, { headers: { "x-strangler-debug": ADMIN_TOKEN } });
    return [await response.text(), response.headers.get("x-strangler-decision")!.split("; reason=")[1]];
  };

  it("sends a product page to the new side and a category page to legacy", async () => {
    expect(await get("/joust-duffle-bag.html")).toEqual(["new GET /joust-duffle-bag.html", "rollout"]);
    expect(await get("/gear/bags.html")).toEqual(["legacy GET /gear/bags.html", "no-route"]);
    expect(await get("/static/app.js")).toEqual(["legacy GET /static/app.js", "no-route"]);
  });

  it("sends a page whose type cannot be resolved to legacy with page-type-unresolved", async () => {
    magento.mode.value = "error";
    expect(await get("/unknown-product.html")).toEqual(["legacy GET /unknown-product.html", "page-type-unresolved"]);
  });

  it("never resolves page types for a POST", async () => {
    const before = magento.lookups();
    const response = await fetch(`${proxy.shopUrl}/another-product.html`, { method: "POST", body: "x" });
    expect(await response.text()).toBe("legacy POST /another-product.html");
    expect(magento.lookups()).toBe(before);
  });
});
