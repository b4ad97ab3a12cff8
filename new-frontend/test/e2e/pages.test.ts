// The new frontend's pages over HTTP, against the Magento sandbox: what a crawler and a shopper get
// (status, head tags, JSON-LD, listings from Magento's aggregations), and revalidation by cache tag.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revalidateToken, startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack(await writePlans(100));
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function get(path: string, base = stack.nextUrl): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${base}${path}`, { redirect: "manual" });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

function readHead(html: string) {
  const attr = (pattern: RegExp) => pattern.exec(html)?.[1]?.replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  return {
    title: attr(/<title>([^<]*)<\/title>/),
    description: attr(/<meta name="description" content="([^"]*)"/),
    canonical: attr(/<link rel="canonical" href="([^"]*)"/),
    robots: attr(/<meta name="robots" content="([^"]*)"/),
    generator: attr(/<meta name="generator" content="([^"]*)"/),
  };
}

describe("product page", () => {
  it("has Magento's head tags, canonical to the public URL, and Product JSON-LD", async () => {
    const { status, html } = await get("/joust-duffle-bag.html");
    expect(status).toBe(200);
    expect(readHead(html)).toMatchObject({ title: "Joust Duffle Bag", canonical: `${stack.shopUrl}/joust-duffle-bag.html`, robots: "INDEX,FOLLOW", generator: "strangler-new-frontend" });
    // Magento 2.4.8 writes only the product's meta_description (none here; the store has no default): no tag.
    expect(readHead(html).description).toBeUndefined();
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? "{}");
    expect(jsonLd).toMatchObject({ "@type": "Product", sku: "24-MB01", offers: { price: "34.00", priceCurrency: "USD", availability: "https://schema.org/InStock" } });
    expect(html).toContain('id="product_addtocart_form"');
    expect(html).toContain('<li class="item home"><a href="/" title="Go to Home Page">Home</a></li>');
  });

  it("renders configurable option pickers with Magento's super_attribute ids", async () => {
    const { html } = await get("/chaz-kangeroo-hoodie.html");
    expect(html).toMatch(/<select name="super_attribute\[\d+\]"/);
    expect(html).toContain("Choose an Option...");
  });

  it.each(["/no-such-thing.html", "/no-such-thing.html?p=2", "/gear/no-such-category.html", "/strangler-no-route"])("answers %s 404 with Magento's no-route page as server-rendered HTML", async (path) => {
    // What a crawler that runs no JavaScript gets: the heading and the no-route content in the HTML itself.
    const [ours, legacy] = await Promise.all([get(path), get(path, stack.sandbox.url)]);
    expect(ours.status).toBe(404);
    // (Next writes `noindex` into every 404 answer.)
    expect(readHead(ours.html)).toMatchObject({ title: "404 Not Found", robots: "noindex", generator: "strangler-new-frontend" });
    expect(ours.html.match(/<meta name="robots"/g)).toHaveLength(1);
    const heading = (html: string) => /<h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper">([^<]*)</.exec(html)?.[1];
    expect(heading(ours.html)).toBe("Whoops, our bad...");
    expect(heading(ours.html)).toBe(heading(legacy.html));
    expect(ours.html).toContain("The page you requested was not found, and we have a fine guess why.");
    expect(ours.html).toContain('<nav class="navigation"');
  });
});

describe("category page", () => {
  it("lists products with filters from Magento's aggregations, sort and pages", async () => {
    const { status, html } = await get("/gear/bags.html");
    expect(status).toBe(200);
    expect(readHead(html)).toMatchObject({ title: "Bags - Gear", canonical: `${stack.shopUrl}/gear/bags.html`, generator: "strangler-new-frontend" });
    expect(html).toContain("Items <span class=\"toolbar-number\">1</span>-<span class=\"toolbar-number\">12</span> of <span class=\"toolbar-number\">14</span>");
    expect(html).toMatch(/href="\/gear\/bags\.html\?price=30-40"/);
    expect(html).toContain('href="/gear/bags.html?p=2"');
  });

  it("applies Magento's query parameters: filter, sort and page", async () => {
    const filtered = await get("/gear/bags.html?price=30-40&product_list_order=price");
    expect(filtered.html).toContain("Now Shopping by");
    expect(filtered.html).toContain("$30.00 - $39.99");
    const prices = [...filtered.html.matchAll(/data-price-amount="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(prices.length).toBeGreaterThan(1);
    expect(prices.every((price) => price >= 30 && price < 40)).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const second = await get("/gear/bags.html?p=2");
    expect(second.html).toContain("Items <span class=\"toolbar-number\">13</span>-<span class=\"toolbar-number\">14</span> of <span class=\"toolbar-number\">14</span>");
  });
});

describe("search and CMS pages", () => {
  it("shows search results at /catalogsearch/result/?q=", async () => {
    const { status, html } = await get("/catalogsearch/result/?q=duffle");
    expect(status).toBe(200);
    expect(readHead(html)).toMatchObject({ title: "Search results for: 'duffle'", robots: "NOINDEX,FOLLOW" });
    expect(html).toContain('href="/joust-duffle-bag.html"');
  });

  it("sends an empty search home and explains a too-short one", async () => {
    for (const path of ["/catalogsearch/result/?q=", "/catalogsearch/result/?q=%20", "/catalogsearch/result/"]) {
      const empty = await get(path);
      expect(empty.status, path).toBe(302);
      expect(empty.headers.get("location")).toBe(`${stack.shopUrl}/`);
    }
    expect((await get("/catalogsearch/result/?q=ab")).html).toContain("Minimum Search query length is 3");
  });

  it("renders Magento's home CMS page at / like the legacy home", async () => {
    const ours = await get("/");
    const legacy = await get("/", stack.sandbox.url);
    expect(ours.status).toBe(200);
    expect(readHead(ours.html).title).toBe(readHead(legacy.html).title);
    expect(readHead(ours.html).canonical).toBeUndefined();
    const heading = (html: string) => /<h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper">([^<]*)</.exec(html)?.[1];
    expect(heading(ours.html)).toBe(heading(legacy.html));
    expect(ours.html).toContain('<div class="cms-content"><div class="blocks-promo">');
  });

  it("renders a CMS page's content sanitized", async () => {
    const { status, html } = await get("/about-us");
    expect(status).toBe(200);
    expect(readHead(html).canonical).toBe(`${stack.shopUrl}/about-us`);
    const main = html.slice(html.indexOf('<div class="column main"'), html.indexOf("</main>"));
    expect(main.length).toBeGreaterThan(100);
    expect(main).not.toMatch(/<script|onerror=|javascript:/i);
  });
});

describe("no seam with the legacy page", () => {
  const strip = (value: string) => value.replace(/^https?:\/\/[^/]+/, "").replace(/&amp;/g, "&").replace(/&#x27;|&#039;/g, "'");
  function readFrame(html: string) {
    const section = (start: string, end: string) => html.slice(html.indexOf(start), html.indexOf(end, html.indexOf(start)));
    const hrefs = (part: string) => [...part.matchAll(/<a [^>]*href="([^"]*)"/g)].map((match) => strip(match[1] ?? ""));
    const texts = (part: string) => [...part.matchAll(/>([^<>]+)</g)].map((match) => strip(match[1] ?? "").trim()).filter(Boolean);
    return {
      title: readHead(html).title,
      canonical: readHead(html).canonical && strip(readHead(html).canonical ?? ""),
      robots: readHead(html).robots,
      menu: hrefs(section('<nav class="navigation"', "</nav>")),
      breadcrumbs: texts(section('<div class="breadcrumbs">', "</ul>")),
      heading: /<h1 class="page-title"><span class="base"[^>]*>([^<]*)</.exec(html)?.[1],
      footer: hrefs(section('<footer class="page-footer">', "</footer>")),
      headerLinks: texts(section('<ul class="header links">', "</ul>")),
    };
  }

  it.each(["/joust-duffle-bag.html", "/gear/bags.html", "/about-us", "/gear/bags/joust-duffle-bag.html"])("%s has the legacy frame, title, canonical and breadcrumbs", async (path) => {
    const [ours, legacy] = await Promise.all([get(path), get(path, stack.sandbox.url)]);
    expect(legacy.status).toBe(200);
    const frame = readFrame(ours.html);
    expect(frame.menu.length).toBeGreaterThan(20);
    expect(frame.footer).toHaveLength(7);
    expect(frame.breadcrumbs[0]).toBe("Home");
    expect(frame).toEqual(readFrame(legacy.html));
  });
});

describe("revalidation", () => {
  const post = (body: unknown, token?: string) => fetch(`${stack.nextUrl}/api/revalidate`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

  it("rejects calls without the token and bodies without tags", async () => {
    expect((await post({ tags: ["cat_p_1"] })).status).toBe(401);
    expect((await post({ tags: ["cat_p_1"] }, "wrong-token-wrong-token")).status).toBe(401);
    const bad = await post({ nope: true }, revalidateToken);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'Body must be JSON like {"tags": ["cat_p_14"]} (1 to 1000 tags) or {"all": true}' });
  });

  it("serves the cached page until Magento's tag for the product is revalidated", async () => {
    const path = "/fusion-backpack.html";
    const before = await get(path);
    const id = /"product" value="(\d+)"/.exec(before.html)?.[1];
    expect(before.html).toContain('<span class="price">$59.00</span>');
    stack.sandbox.store.catalog.setPrice("24-MB02", 61);
    expect((await get(path)).html).toContain('<span class="price">$59.00</span>');
    const response = await post({ tags: [`cat_p_${id}`] }, revalidateToken);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { revalidated: string[]; purged: number };
    expect(answer.revalidated).toEqual([`cat_p_${id}`]);
    expect(answer.purged).toBeGreaterThan(0);
    expect((await get(path)).html).toContain('<span class="price">$61.00</span>');
  });

  it("drops every page on a full flush", async () => {
    const path = "/impulse-duffle.html";
    expect((await get(path)).html).toContain('<span class="price">$74.00</span>');
    stack.sandbox.store.catalog.setPrice("24-UB02", 80);
    expect((await get(path)).html).toContain('<span class="price">$74.00</span>');
    const response = await post({ all: true }, revalidateToken);
    expect(await response.json()).toMatchObject({ revalidated: "all" });
    expect((await get(path)).html).toContain('<span class="price">$80.00</span>');
  });
});

describe("through the proxy", () => {
  it("serves the new product page on the shop's origin with the proxy's decision", async () => {
    const response = await fetch(`${stack.shopUrl}/joust-duffle-bag.html`, { headers: { "x-strangler-debug": "e2e-admin-token-0123456789" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-strangler-decision")).toMatch(/target=new-frontend; plan=product-pages/);
    expect(readHead(await response.text()).generator).toBe("strangler-new-frontend");
  });
});
