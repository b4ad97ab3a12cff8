import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, decodeConfigurableOptionUid, encodeUid, getRatingSummary, renderCmsContent } from "../../src/catalog/index.ts";
import type { Catalog } from "../../src/catalog/index.ts";
import { CatalogError } from "../../src/errors.ts";

let catalog: Catalog;
beforeAll(() => {
  catalog = loadCatalog();
});

describe("loading the Luma sample data", () => {
  it("loads every product type with deterministic ids in install order", () => {
    const types = new Map<string, number>();
    for (const p of catalog.products) types.set(p.type, (types.get(p.type) ?? 0) + 1);
    expect(Object.fromEntries(types)).toEqual({ simple: 1891, bundle: 1, grouped: 1, downloadable: 6, configurable: 147 });
    expect(catalog.getProductBySku("24-MB01")).toMatchObject({ id: 1, uid: "MQ==", name: "Joust Duffle Bag", urlKey: "joust-duffle-bag" });
    expect(catalog.getProductBySku("MH01")).toMatchObject({ id: 68, type: "configurable", urlKey: "chaz-kangeroo-hoodie", visibility: 4 });
    expect(loadCatalog().products.map((p) => `${p.id}:${p.sku}`)).toEqual(catalog.products.map((p) => `${p.id}:${p.sku}`));
  });

  it("builds the category tree with Luma's ids and url paths", () => {
    const byPath = (path: string) => catalog.getCategoryByUrlPath(path);
    expect(byPath("gear")).toMatchObject({ id: 3, name: "Gear", level: 2, path: [1, 2, 3] });
    expect(byPath("men")?.id).toBe(11);
    expect(byPath("women")?.id).toBe(20);
    expect(byPath("men/tops-men/jackets-men.html")).toMatchObject({ name: "Jackets", level: 4, path: [1, 2, 11, 12, 14] });
    expect(catalog.getChildren(2).map((c) => c.urlKey)).toEqual(["what-is-new", "women", "men", "gear", "training", "sale", "collections", "promotions"]);
    expect(catalog.getBreadcrumbs(14).map((c) => c.name)).toEqual(["Men", "Tops"]);
  });

  it("links configurable parents to children through super attributes with swatches", () => {
    const hoodie = catalog.getProductBySku("MH01")!;
    expect(hoodie.configurableOptions?.map((o) => [o.attributeCode, o.attributeId, o.values.map((v) => v.label)])).toEqual([
      ["size", 144, ["XS", "S", "M", "L", "XL"]],
      ["color", 93, ["Black", "Gray", "Orange"]],
    ]);
    const black = hoodie.configurableOptions![1]!.values[0]!;
    expect(black).toMatchObject({ valueIndex: 49, swatch: { type: 1, value: "#000000" } });
    expect(decodeConfigurableOptionUid(black.uid)).toEqual({ attributeId: 93, valueIndex: 49 });
    expect(hoodie.variants).toHaveLength(15);
    const child = catalog.findVariant(hoodie, { size: hoodie.configurableOptions![0]!.values[1]!.valueIndex, color: 49 });
    expect(child?.sku).toBe("MH01-S-Black");
    expect(catalog.getParents(child!).map((p) => p.sku)).toEqual(["MH01"]);
    expect(child!.media[0]?.file).toBe("/m/h/mh01-black_main.jpg");
  });

  it("prices bundles and grouped products from their children, and applies special prices and the pants catalog rule", () => {
    expect(catalog.getPriceRange(catalog.getProductBySku("24-WG080")!)).toEqual({ minimum: { regular: 61, final: 61 }, maximum: { regular: 77, final: 77 } });
    expect(catalog.getPriceRange(catalog.getProductBySku("24-WG085_Group")!).minimum.final).toBe(14);
    const pants = catalog.getProductBySku("MP03")!;
    expect(catalog.getPriceRange(pants).minimum).toEqual({ regular: 51, final: 40.8 });
    expect(catalog.getFinalPrice(catalog.getProductBySku("MP03-32-Blue")!)).toBe(40.8);
    const onSale = catalog.getProductBySku("24-WB05")!;
    expect([onSale.price, catalog.getFinalPrice(onSale)]).toEqual([32, 24]);
  });
});

describe("reviews", () => {
  it("attaches the sample reviews and summarises their ratings as Magento does", () => {
    const bag = catalog.getProductBySku("24-MB01")!;
    expect(bag.reviews.map((r) => [r.nickname, r.rating, r.title])).toEqual([["Chi", 2, "I prefer more compartments"], ["Filiberto", 3, "I use it a lot"]]);
    expect(getRatingSummary(bag)).toBe(50);
    expect(getRatingSummary(catalog.getProductBySku("MH01")!)).toBe(0);
  });
});

describe("URL rewrites", () => {
  it.each([
    ["/joust-duffle-bag.html", "PRODUCT", 1, "catalog/product/view/id/1"],
    ["gear/bags/joust-duffle-bag.html", "PRODUCT", 1, "catalog/product/view/id/1/category/4"],
    ["/gear/bags.html", "CATEGORY", 4, "catalog/category/view/id/4"],
    ["/about-us", "CMS_PAGE", 5, "cms/page/view/page_id/5"],
    ["/", "CMS_PAGE", 2, "cms/page/view/page_id/2"],
    ["/catalog/product/view/id/68", "PRODUCT", 68, "catalog/product/view/id/68"],
    ["/Gear/Bags.HTML", "CATEGORY", 4, "catalog/category/view/id/4"],
  ])("resolves %s", (path, entityType, entityId, targetPath) => {
    expect(catalog.resolveUrl(path)).toMatchObject({ entityType, entityId, targetPath, redirectCode: 0 });
  });

  it("answers the stored path for a differently cased request, as MySQL's collation does", () => {
    expect(catalog.resolveUrl("/Gear/Bags.HTML")?.requestPath).toBe("gear/bags.html");
  });

  it.each(["/nope.html", "/chaz-kangeroo-hoodie-xs-black.html", "/catalog/product/view/id/999999"])("rejects %s", (path) => {
    expect(catalog.resolveUrl(path)).toBeUndefined();
  });
});

describe("product listing", () => {
  it("filters by category subtree, paginates and aggregates", () => {
    const listing = catalog.listProducts({ filters: [{ field: "category_id", eq: "14" }], pageSize: 5, currentPage: 2 });
    expect(listing).toMatchObject({ totalCount: 11, totalPages: 3, currentPage: 2, pageSize: 5 });
    expect(listing.items).toHaveLength(5);
    const codes = listing.aggregations.map((a) => a.attributeCode);
    expect(codes.slice(0, 2)).toEqual(["price", "category_uid"]);
    expect(codes).toEqual(expect.arrayContaining(["color", "size", "material"]));
    const color = listing.aggregations.find((a) => a.attributeCode === "color")!;
    expect(color.options.find((o) => o.label === "Black")).toEqual({ label: "Black", value: "49", count: expect.any(Number) });
  });

  it("matches configurable parents by their children's options and sorts by price", () => {
    const black = catalog.listProducts({ filters: [{ field: "category_id", eq: "14" }, { field: "color", eq: "49" }], sort: [{ field: "price", direction: "DESC" }] });
    expect(black.totalCount).toBeGreaterThan(0);
    expect(black.totalCount).toBeLessThan(11);
    const prices = black.items.map((p) => catalog.getPriceRange(p).minimum.final);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it("searches name, sku and description, most relevant first, without invisible children", () => {
    const result = catalog.listProducts({ search: "hoodie" });
    expect(result.totalCount).toBeGreaterThan(10);
    expect(result.items.every((p) => p.visibility !== 1)).toBe(true);
    expect(result.items[0]?.name.toLowerCase()).toContain("hoodie");
    expect(catalog.listProducts({ search: "MH01" }).items.map((p) => p.sku)).toEqual(["MH01"]);
    expect(catalog.listProducts({ search: "zzzxqj" }).totalCount).toBe(0);
    // Past 128 characters the phrase is cut, as Magento's max_query_length does.
    expect(catalog.listProducts({ search: `hoodie${" ".repeat(130)}zzzxqj` }).totalCount).toBe(result.totalCount);
    expect(catalog.listProducts({ search: " " }).totalCount).toBe(catalog.products.filter((p) => p.visibility >= 3).length);
  });

  it("filters by price range on final prices", () => {
    const cheap = catalog.listProducts({ filters: [{ field: "price", from: 0, to: 20 }], pageSize: 100 });
    expect(cheap.totalCount).toBeGreaterThan(0);
    expect(cheap.items.every((p) => catalog.getPriceRange(p).minimum.final <= 20)).toBe(true);
  });
});

describe("CMS", () => {
  it("loads pages and blocks and renders Magento directives", () => {
    expect(catalog.getCmsPage("home")).toMatchObject({ id: 2, title: "Home Page" });
    expect(catalog.getCmsPage("no-route")?.id).toBe(1);
    const home = renderCmsContent(catalog.getCmsPage("home")!.content, catalog, "http://shop.test/");
    expect(home).toContain('href="http://shop.test/collections/yoga-new.html"');
    expect(home).toContain("http://shop.test/media/wysiwyg/");
    expect(catalog.getCmsBlock("footer_links_block")?.content).toContain("about-us");
  });
});

describe("setPrice", () => {
  it("changes the price and reports the product's and its parent's cache tags", () => {
    const fresh = loadCatalog();
    const seen: string[][] = [];
    fresh.onInvalidate((tags) => seen.push(tags));
    const child = fresh.getProductBySku("MH01-XS-Black")!;
    expect(fresh.setPrice("MH01-XS-Black", 10)).toEqual([`cat_p_${child.id}`, "cat_p_68"]);
    expect(seen).toEqual([[`cat_p_${child.id}`, "cat_p_68"]]);
    expect(fresh.getPriceRange(fresh.getProductBySku("MH01")!).minimum.final).toBe(10);
    expect(fresh.getProductCacheTags(fresh.getProductBySku("MH01")!)).toContain(`cat_p_${child.id}`);
  });

  it.each([["NOPE", 1, 'setPrice: no product with sku "NOPE"'], ["24-MB01", -1, "setPrice: price must be a non-negative number, got -1"]])(
    "rejects %s at %s", (sku, price, message) => {
      expect(() => catalog.setPrice(sku, price)).toThrow(new CatalogError(message));
    },
  );

  it("encodes uids as Magento does", () => {
    expect(encodeUid(14)).toBe("MTQ=");
  });
});

describe("setUrlKey", () => {
  it("keeps every old URL as a 301 to the newest one, and refuses a key another product has", () => {
    const fresh = loadCatalog();
    const purged: string[][] = [];
    fresh.onInvalidate((tags) => void purged.push(tags));
    expect(fresh.setUrlKey("24-MB01", "joust-bag")).toEqual(["cat_p_1"]);
    fresh.setUrlKey("24-MB01", "joust-bag-2");
    expect(fresh.resolveUrl("/joust-duffle-bag.html")).toMatchObject({ redirectCode: 301, targetPath: "joust-bag-2.html" });
    expect(fresh.resolveUrl("/joust-bag.html")).toMatchObject({ redirectCode: 301, targetPath: "joust-bag-2.html" });
    expect(fresh.resolveUrl("/gear/bags/joust-bag-2.html")).toMatchObject({ redirectCode: 0, entityId: 1, categoryId: expect.any(Number) });
    expect(fresh.getProductByUrlKey("joust-bag-2")?.sku).toBe("24-MB01");
    expect(fresh.getProductByUrlKey("joust-duffle-bag")).toBeUndefined();
    expect(purged).toEqual([["cat_p_1"], ["cat_p_1"]]);
    expect(() => fresh.setUrlKey("24-MB04", "joust-bag-2")).toThrow(new CatalogError('setUrlKey: url key "joust-bag-2" already belongs to sku "24-MB01"'));
    expect(() => fresh.setUrlKey("24-MB04", "Not A Key")).toThrow(CatalogError);
  });
});
