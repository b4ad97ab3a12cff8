// The whole Luma catalog, page by page, legacy (the sandbox) against the new frontend, compared on the
// commerce facts a shopper and a crawler read: title, meta description, robots, canonical, hreflang,
// breadcrumbs, H1, final/regular price and currency, SKU, stock, configurable options, add-to-cart,
// a category's product list (order and count). The new side's JSON-LD Product must state what its page
// shows. Both sides are read with the same Luma selectors (test/support/page-facts.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";
import { diffFacts, diffJsonLd, readJsonLdProducts, readPageFacts } from "../support/page-facts.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack(await writePlans(100));
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function fetchHtml(url: string): Promise<string> {
  const response = await fetch(url, { redirect: "manual" });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** Runs `work` over `items`, `limit` at a time (the machine has 2 cores). */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** Every URL a shopper can land on: products visible on their own, active categories below the root. */
function catalogPaths(): { products: string[]; categories: string[] } {
  const { catalog } = stack.sandbox.store;
  const products = catalog.products.map((product) => catalog.getProductUrl(product))
    .filter((url) => catalog.resolveUrl(url)?.entityType === "PRODUCT");
  const categories = catalog.categories.filter((category) => category.isActive && category.urlPath)
    .map((category) => catalog.getCategoryUrl(category));
  return { products: [...new Set(products)], categories: [...new Set(categories)] };
}

async function compare(paths: string[]): Promise<string[]> {
  const problems: string[] = [];
  console.log(`comparing ${paths.length} pages on both sides`);
  await eachLimited(paths, 3, async (path) => {
    const [legacyHtml, newHtml] = await Promise.all([fetchHtml(`${stack.sandbox.url}/${path.replace(/^\/+/, "")}`), fetchHtml(`${stack.nextUrl}/${path.replace(/^\/+/, "")}`)]);
    const legacy = readPageFacts(legacyHtml);
    const next = readPageFacts(newHtml);
    const jsonLd = readJsonLdProducts(newHtml).flatMap((product) => diffJsonLd(next, product));
    problems.push(...[...diffFacts(legacy, next), ...jsonLd].map((problem) => `${path} ${problem}`));
  });
  return problems;
}

describe("the whole catalog, legacy against new", () => {
  it("every product page states the same facts", async () => {
    const { products } = catalogPaths();
    expect(products.length).toBeGreaterThan(150);
    expect(await compare(products)).toEqual([]);
  }, 600_000);

  it("every category page states the same facts and lists the same products in the same order", async () => {
    const { categories } = catalogPaths();
    expect(categories.length).toBeGreaterThan(20);
    expect(await compare(categories)).toEqual([]);
  }, 300_000);
});
