import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { extractGraphqlFacts, extractPageFacts } from "../../src/parity/commerce-facts.ts";
import type { PageFacts } from "../../src/parity/commerce-facts.ts";
import { diffFacts } from "../../src/parity/facts-diff.ts";

let sandbox: RunningSandbox;
beforeAll(async () => { sandbox = await startSandbox({ port: 0 }); });
afterAll(async () => { await sandbox.close(); });

const pages = new Map<string, string>();

async function factsOf(path: string): Promise<PageFacts> {
  const response = await fetch(sandbox.url + path, { redirect: "manual" });
  const body = await response.text();
  pages.set(path, body);
  return extractPageFacts({ status: response.status, location: response.headers.get("location") ?? undefined, body });
}

describe("commerce facts from Luma's markup (the sandbox's pages)", () => {
  it("reads a simple product page", async () => {
    const facts = await factsOf("/joust-duffle-bag.html");
    expect(facts).toMatchObject({
      status: 200, redirect: null, title: "Joust Duffle Bag", robots: "INDEX,FOLLOW", canonical: "/joust-duffle-bag.html", hreflang: [],
      breadcrumbs: ["Home /", "Joust Duffle Bag -"], h1: "Joust Duffle Bag", price: { final: "34.00", regular: null, currency: "$" },
      sku: "24-MB01", stock: "in_stock", options: [], addToCart: true, jsonLd: { Product: null, BreadcrumbList: null }, products: [], productCount: null,
    });
    // Whatever the store's rule gives (the product's own, or the store default), decoded once.
    const meta = /<meta name="description" content="([^"]*)">/.exec(pages.get("/joust-duffle-bag.html")!)?.[1];
    expect(facts.metaDescription).toBe(meta === undefined || meta === "" ? null : meta.replaceAll("&#039;", "'").replaceAll("&amp;", "&"));
  });

  it("reads a configurable product's options", async () => {
    const facts = await factsOf("/chaz-kangeroo-hoodie.html");
    expect([facts.sku, facts.price.final, facts.options]).toEqual(["MH01", "52.00", ["Size: XS, S, M, L, XL", "Color: Black, Gray, Orange"]]);
  });

  it("reads a category's product list in order, and its total", async () => {
    const facts = await factsOf("/gear/bags.html");
    expect(facts.products.slice(0, 3)).toEqual(["/joust-duffle-bag.html", "/strive-shoulder-pack.html", "/crown-summit-backpack.html"]);
    expect([facts.products.length, facts.productCount, facts.breadcrumbs, facts.sku, facts.addToCart]).toEqual([12, 14, ["Home /", "Gear /gear.html", "Bags -"], null, false]);
  });

  it("reads a search page's results", async () => {
    const facts = await factsOf("/catalogsearch/result/?q=bag");
    expect(facts.products.length).toBeGreaterThan(0);
    expect(facts.productCount).toBeGreaterThanOrEqual(facts.products.length);
  });
});

const page = (html: string, status = 200, location?: string) => extractPageFacts({ status, location, body: html });
const LUMA = (inner: string, head = "") => `<html><head><title>T</title>${head}</head><body><main><div class="product-info-main">${inner}</div></main></body></html>`;
const PRICE = (amount: string) => `<span data-price-type="finalPrice" data-price-amount="${amount}"><span class="price">$${amount}</span></span>`;

describe("facts diff", () => {
  it.each([
    ["a price a cent off", LUMA(PRICE("34")), LUMA(PRICE("33.99")), ["price"]],
    ["the same price spelt differently", LUMA(PRICE("34")), LUMA(PRICE("34.00")), []],
    ["whitespace and entities", LUMA('<h1 class="page-title"> Joust&nbsp;  Bag </h1>'), LUMA('<h1 class="page-title">Joust\u00a0Bag</h1>'), []],
    ["a canonical on another host, same path", LUMA("", '<link rel="canonical" href="http://a.test/x.html">'), LUMA("", '<link rel="canonical" href="https://b.test/x.html">'), []],
    ["a canonical to another path", LUMA("", '<link rel="canonical" href="/x.html">'), LUMA("", '<link rel="canonical" href="/y.html">'), ["canonical"]],
    ["stock flipped", LUMA('<div class="stock available"><span>In stock</span></div>'), LUMA('<div class="stock unavailable"><span>Out of stock</span></div>'), ["stock"]],
    ["JSON-LD only the new side has (legacy never showed it)", LUMA(""), LUMA("", '<script type="application/ld+json">{"@type":"Product","sku":"A"}</script>'), []],
    ["JSON-LD legacy has and the new side lacks", LUMA("", '<script type="application/ld+json">{"@type":"Product","sku":"A"}</script>'), LUMA(""), ["jsonLd.Product"]],
    ["a redirect elsewhere", "", "", ["redirect"], "/a.html", "/b.html"],
  ])("compares %s", (_name, legacyHtml, candidateHtml, fields, legacyLocation?: string, candidateLocation?: string) => {
    const differences = diffFacts(page(legacyHtml, legacyLocation ? 301 : 200, legacyLocation), page(candidateHtml, candidateLocation ? 301 : 200, candidateLocation));
    expect([...new Set(differences.map((difference) => difference.field))]).toEqual(fields);
  });

  it("compares GraphQL answers as JSON: key order and number spelling do not count, a changed leaf is named", () => {
    const graphql = (body: string) => extractGraphqlFacts({ status: 200, location: undefined, body });
    expect(diffFacts(graphql('{"data":{"products":{"total_count":2,"items":[{"sku":"A"}]}}}'), graphql('{ "data": { "products": { "items": [ { "sku": "A" } ], "total_count": 2.0 } } }'))).toEqual([]);
    expect(diffFacts(graphql('{"data":{"products":{"items":[{"sku":"A"},{"sku":"B"}]}}}'), graphql('{"data":{"products":{"items":[{"sku":"A"},{"sku":"C"}]}}}')))
      .toEqual([{ field: "data.products", path: "data.products.items[1].sku", legacy: "B", candidate: "C" }]);
  });
});
