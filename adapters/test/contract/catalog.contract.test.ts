// Contract: the catalog side of the adapters against the Magento sandbox (real HTTP, real GraphQL).
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters } from "../../src/index.ts";
import type { Adapters } from "../../src/index.ts";

let sandbox: RunningSandbox;
let adapters: Adapters;

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = createAdapters({ magentoUrl: sandbox.url });
});
afterAll(async () => {
  await adapters.close();
  await sandbox.close();
});

describe("catalog against the sandbox", () => {
  it("reads a simple product by url key", async () => {
    const product = await adapters.getProductByUrlKey("joust-duffle-bag");
    expect(product).toMatchObject({
      id: 1, sku: "24-MB01", name: "Joust Duffle Bag", type: "SIMPLE", url: "/joust-duffle-bag.html", stockStatus: "IN_STOCK",
      price: { min: { final: { amount: 34, currency: "USD" } } }, options: [], variants: [],
    });
    expect(product?.media.length).toBeGreaterThan(0);
    expect(product?.categories.map((c) => c.urlPath)).toContain("gear/bags");
    expect(product?.descriptionHtml).toContain("Joust Duffle Bag");
  });

  it("reads a configurable jacket with options and variants that point at option values", async () => {
    const product = await adapters.getProductBySku("WJ12");
    expect(product?.type).toBe("CONFIGURABLE");
    expect(product?.options.map((o) => o.code).sort()).toEqual(["color", "size"]);
    expect(product?.variants.length).toBe(15);
    const valueUids = new Set(product?.options.flatMap((o) => o.values.map((v) => v.uid)));
    for (const variant of product?.variants ?? []) {
      expect(Object.keys(variant.attributes).sort()).toEqual(["color", "size"]);
      expect(Object.values(variant.attributes).every((a) => valueUids.has(a.uid))).toBe(true);
    }
    expect(product?.variants.map((v) => v.sku)).toContain("WJ12-XS-Black");
    expect(product?.options.find((o) => o.code === "color")?.values[0]?.swatch?.kind).toBe("COLOR");
  });

  it("reads a bundle's options, a grouped product's items and a downloadable product's links", async () => {
    const bundle = await adapters.getProductBySku("24-WG080");
    expect(bundle?.type).toBe("BUNDLE");
    expect(bundle?.bundleOptions.length).toBeGreaterThan(0);
    for (const option of bundle?.bundleOptions ?? []) {
      expect(Buffer.from(option.uid, "base64").toString()).toMatch(/^bundle\/\d+$/);
      expect(option.choices.every((choice) => Buffer.from(choice.uid, "base64").toString().startsWith(`${Buffer.from(option.uid, "base64").toString()}/`))).toBe(true);
      expect(option.choices.every((choice) => choice.label !== "" && choice.price > 0)).toBe(true);
    }
    const grouped = await adapters.getProductBySku("24-WG085_Group");
    expect(grouped?.type).toBe("GROUPED");
    expect(grouped?.groupedItems.map((item) => item.sku)).toEqual(expect.arrayContaining(["24-WG085", "24-WG086"]));
    expect(grouped?.groupedItems.every((item) => item.price.min.final.amount > 0)).toBe(true);
    const downloadable = await adapters.getProductByUrlKey("luma-yoga-for-life");
    expect(downloadable).toMatchObject({ type: "DOWNLOADABLE", downloadable: { linksPurchasedSeparately: false } });
    expect(downloadable?.downloadable?.links.length).toBeGreaterThan(0);
    expect(downloadable?.metaDescription).toMatch(/^You'll learn to use yoga/);
  });

  it("reads a landing-page category's display mode and CMS block", async () => {
    const gear = await adapters.getCategoryByUrlPath("gear");
    expect(gear).toMatchObject({ name: "Gear", displayMode: "PAGE" });
    expect(gear?.landingHtml).toContain("<");
    expect(await adapters.getCategoryByUrlPath("gear/bags")).toMatchObject({ displayMode: "PRODUCTS", landingHtml: "" });
  });

  it("returns undefined for an unknown product", async () => {
    expect(await adapters.getProductByUrlKey("no-such-product")).toBeUndefined();
  });

  it("reads the category tree under the store root", async () => {
    const tree = await adapters.getCategoryTree();
    expect(tree.map((c) => c.name)).toEqual(expect.arrayContaining(["Women", "Men", "Gear", "Training", "Sale", "What's New"]));
    const women = tree.find((c) => c.name === "Women");
    expect(women?.children.map((c) => c.urlPath)).toEqual(["women/tops-women", "women/bottoms-women"]);
    expect(women?.children[0]?.children.map((c) => c.name)).toEqual(expect.arrayContaining(["Jackets", "Tees"]));
  });

  it("reads a category by url path", async () => {
    expect(await adapters.getCategoryByUrlPath("/women/tops-women.html")).toMatchObject({ id: 21, name: "Tops", breadcrumbs: [{ name: "Women", urlPath: "women" }] });
    expect(await adapters.getCategoryByUrlPath("no/such")).toBeUndefined();
  });

  it("lists a category, then narrows it with a facet Magento offered", async () => {
    const bags = await adapters.getCategoryByUrlPath("gear/bags");
    const all = await adapters.listProducts({ categoryUid: bags!.uid, pageSize: 5 });
    expect(all.total).toBe(14);
    expect(all.items).toHaveLength(5);
    expect(all.pages).toBe(3);
    const facet = all.facets.find((f) => f.code === "activity");
    const option = facet!.options[0]!;
    const narrowed = await adapters.listProducts({ categoryUid: bags!.uid, filters: { activity: option.value }, pageSize: 50 });
    expect(narrowed.total).toBe(option.count);
    const sorted = await adapters.listProducts({ categoryUid: bags!.uid, sort: { field: "price", direction: "ASC" }, pageSize: 50 });
    const prices = sorted.items.map((i) => i.price.min.final.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it("searches by text", async () => {
    const result = await adapters.searchProducts({ text: "duffle" });
    expect(result.items.map((i) => i.sku)).toContain("24-MB01");
    expect(result.text).toBe("duffle");
  });

  it("reads CMS pages and blocks, leaving unknown blocks out", async () => {
    expect(await adapters.getCmsPage("about-us")).toMatchObject({ identifier: "about-us", url: "/about-us" });
    expect(await adapters.getCmsPage("no-such-page")).toBeUndefined();
    const blocks = await adapters.getCmsBlocks(["login-data", "nope", "footer_links_block"]);
    expect(blocks.map((b) => b.identifier)).toEqual(["login-data", "footer_links_block"]);
  });

  it.each([
    ["/joust-duffle-bag.html", { type: "PRODUCT", id: 1, redirectCode: 0, relativeUrl: "joust-duffle-bag.html" }],
    ["/gear/bags.html", { type: "CATEGORY", id: 4, redirectCode: 0 }],
    ["/about-us", { type: "CMS_PAGE", identifier: "about-us", redirectCode: 0 }],
  ])("resolves %s", async (path, expected) => {
    expect(await adapters.resolveUrl(path)).toMatchObject(expected);
  });

  it("resolves an unknown URL to undefined", async () => {
    expect(await adapters.resolveUrl("/no-such-page.html")).toBeUndefined();
  });

  it("reads the store config", async () => {
    expect(await adapters.getStoreConfig()).toMatchObject({ storeCode: "default", baseCurrency: "USD", productUrlSuffix: ".html", rootCategoryUid: "Mg==" });
  });
});
