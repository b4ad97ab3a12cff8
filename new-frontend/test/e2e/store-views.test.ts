// Two store views through the real stack: the sandbox's `default` (USD) and `fr` (EUR, its own host),
// the proxy mapping the fr host to `fr` (STORE_HOSTS) and the new frontend rendering each view. The
// same path renders each store's data, Next's cache keeps each store's page apart, a revalidation
// reaches both, and no canonical, redirect or JSON-LD URL carries an internal address.
import { copyFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, revalidateToken, startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";
import { repoRoot } from "../../tools/services.ts";

const FR_URL = "http://fr.shop.test";
let stack: Stack;

beforeAll(async () => {
  const plans = await writePlans(100);
  // Quick search on the new side too (the example plan), so its fr page's links are seen through the proxy.
  await copyFile(join(repoRoot, "migration-plans", "plans", "search-results.yaml"), join(plans, "search-results.yaml"));
  stack = await startStack(plans, { frStoreUrl: FR_URL });
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

interface Page { status: number; html: string; cache: string | undefined; decision: string | undefined; location: string | undefined }

/** A GET with any Host (fetch cannot set one) through `base`, the proxy unless said otherwise. */
function get(path: string, headers: Record<string, string> = {}, base = stack.shopUrl): Promise<Page> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { "x-strangler-debug": adminToken, ...headers } }, (res) => {
      let html = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => { html += chunk; });
      res.on("end", () => resolve({
        status: res.statusCode ?? 0, html, cache: res.headers["x-nextjs-cache"] as string | undefined,
        decision: res.headers["x-strangler-decision"] as string | undefined, location: res.headers.location,
      }));
    });
    req.on("error", reject);
    req.end();
  });
}

const FR_HOST = { host: "fr.shop.test" };
const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
const priceOf = (html: string) => /<span class="price">([^<]+)<\/span>/.exec(html)?.[1];
const jsonLdOf = (html: string) => {
  const script = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
  return script ? (JSON.parse(script) as { url: string; image?: string[]; offers?: { priceCurrency: string; price?: string; url: string } }) : undefined;
};

describe("store views on the new frontend", () => {
  it("renders the same path in each store's currency and URLs, each cached apart", async () => {
    const first = await get("/joust-duffle-bag.html");
    expect(first.decision).toMatch(/^target=new-frontend;/);
    expect([priceOf(first.html), canonicalOf(first.html)]).toEqual(["$34.00", `${stack.shopUrl}/joust-duffle-bag.html`]);
    expect((await get("/joust-duffle-bag.html")).cache).toBe("HIT");

    const fr = await get("/joust-duffle-bag.html", FR_HOST);
    expect(fr.decision).toMatch(/^target=new-frontend;/);
    expect([priceOf(fr.html), canonicalOf(fr.html)]).toEqual(["€30.60", `${FR_URL}/joust-duffle-bag.html`]);
    expect(jsonLdOf(fr.html)?.offers).toMatchObject({ priceCurrency: "EUR", price: "30.60", url: `${FR_URL}/joust-duffle-bag.html` });
    const frAgain = await get("/joust-duffle-bag.html", FR_HOST);
    expect([frAgain.cache, priceOf(frAgain.html)]).toEqual(["HIT", "€30.60"]);
    const defaultAgain = await get("/joust-duffle-bag.html");
    expect([defaultAgain.cache, priceOf(defaultAgain.html)]).toEqual(["HIT", "$34.00"]);
  });

  it("follows the store cookie (Magento's store switcher) on the default host", async () => {
    const page = await get("/gear/bags.html", { cookie: "store=fr" });
    expect(page.decision).toMatch(/^target=new-frontend;/);
    expect([priceOf(page.html), canonicalOf(page.html)]).toEqual(["€30.60", `${FR_URL}/gear/bags.html`]);
  });

  it("renders a store code prefixed path in that store, whatever the store cookie says", async () => {
    const page = await get("/fr/joust-duffle-bag.html", { cookie: "store=default" });
    expect(page.decision).toMatch(/^target=new-frontend;/);
    expect([priceOf(page.html), canonicalOf(page.html)]).toEqual(["€30.60", `${FR_URL}/joust-duffle-bag.html`]);
    const search = await get("/fr/catalogsearch/result/?q=joust", {}, stack.nextUrl);
    expect([search.status, priceOf(search.html)]).toEqual([200, "€30.60"]);
  });

  it("never lets a store the frontend does not know mint a page", async () => {
    const page = await get("/joust-duffle-bag.html", { store: "xx" }, stack.nextUrl);
    expect([page.status, priceOf(page.html)]).toEqual([200, "$34.00"]);
    expect((await get("/strangler-store/xx/joust-duffle-bag.html", {}, stack.nextUrl)).status).toBe(404);
  });

  it("revalidates both stores' pages when Magento's tag for the product is purged", async () => {
    const id = stack.sandbox.store.catalog.products.find((p) => p.sku === "24-MB01")!.id;
    stack.sandbox.store.catalog.setPrice("24-MB01", 40);
    expect(priceOf((await get("/joust-duffle-bag.html")).html)).toBe("$34.00");
    const response = await fetch(`${stack.nextUrl}/api/revalidate`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${revalidateToken}` }, body: JSON.stringify({ tags: [`cat_p_${id}`] }),
    });
    expect(response.status).toBe(200);
    expect(priceOf((await get("/joust-duffle-bag.html")).html)).toBe("$40.00");
    expect(priceOf((await get("/joust-duffle-bag.html", FR_HOST)).html)).toBe("€36.00");
  });
});

describe("no internal address in a rendered page", () => {
  const internal = () => [stack.sandbox.url, stack.nextUrl];

  it.each([
    ["product (with JSON-LD)", "/fusion-backpack.html"],
    ["category", "/gear.html"],
    ["CMS page", "/about-us"],
    ["home page", "/"],
    ["listing with a query", "/gear/bags.html?p=1"],
    ["search", "/catalogsearch/result/?q=bag"],
  ])("the %s of either store, asked of Next directly", async (_name, path) => {
    for (const headers of [{}, { store: "fr" }] as Record<string, string>[]) {
      const page = await get(path, headers, stack.nextUrl);
      expect(page.status, path).toBe(200);
      // Not only the canonical and JSON-LD: no link, form action or image anywhere in the page either.
      for (const address of internal()) expect(page.html.includes(address), `${path} mentions ${address}`).toBe(false);
      const canonical = canonicalOf(page.html);
      if (canonical) expect(canonical.startsWith(headers.store ? FR_URL : stack.shopUrl), canonical).toBe(true);
    }
  });

  it("redirects an old URL to the store's public URL", async () => {
    stack.sandbox.store.catalog.setUrlKey("24-MB04", "strive-shoulder-pack-renamed");
    for (const [headers, base] of [[{}, stack.shopUrl], [{ store: "fr" }, FR_URL]] as [Record<string, string>, string][]) {
      const page = await get("/strive-shoulder-pack.html", headers, stack.nextUrl);
      expect([page.status, page.location]).toEqual([301, `${base}/strive-shoulder-pack-renamed.html`]);
    }
  });
});

describe("links on a store view's pages stay in that store", () => {
  /** Every href and form action of the page that points into the shop (not scripts, images or other sites). */
  function shopLinks(html: string): string[] {
    const targets = [...html.matchAll(/<(?:a|form)\b[^>]*?\s(?:href|action)="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
    return targets.filter((target) => !target.startsWith("#") && !target.startsWith("/_next/") && !target.startsWith("/static/") && !target.startsWith("/media/"));
  }

  it.each([
    ["product", "/fusion-backpack.html", true],
    ["category (menu, tiles, toolbar, filters)", "/gear/bags.html", true],
    ["category with a query", "/gear/bags.html?p=1", true],
    // The search-results plan matches /catalogsearch/result/ without a prefix: the fr host only.
    ["search (suggestions, toolbar, filters)", "/catalogsearch/result/?q=bag", false],
  ])("the fr %s page through the proxy, on the fr host and under /fr/ on the default host: every link and form on the fr store's URL", async (_name, path, prefixed) => {
    const asked: [string, Record<string, string>][] = [[path, FR_HOST], ...(prefixed ? [[`/fr${path}`, {}] as [string, Record<string, string>]] : [])];
    for (const [url, headers] of asked) {
      const page = await get(url, headers);
      expect([page.status, page.decision?.startsWith("target=new-frontend")], url).toEqual([200, true]);
      const links = shopLinks(page.html);
      expect(links.length, url).toBeGreaterThan(10);
      expect(links.filter((link) => !link.startsWith(`${FR_URL}/`)), url).toEqual([]);
      expect(page.html, url).toContain(`action="${FR_URL}/catalogsearch/result/"`);
    }
  });

  it("keeps the default store's links root-relative on the shop's own host", async () => {
    const page = await get("/gear/bags.html");
    const links = shopLinks(page.html);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !link.startsWith("/"))).toEqual([]);
  });
});
