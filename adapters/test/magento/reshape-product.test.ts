import { describe, expect, it } from "vitest";
import { MagentoShapeError } from "../../src/errors.ts";
import { reshapeProduct, reshapeProductSummary, tagsOfProduct } from "../../src/magento/reshape-product.ts";
import { loadFixture, withPath } from "../support/fixtures.ts";

type Answer = { data: { products: { items: Record<string, unknown>[] } } };
const simple = () => loadFixture<Answer>("product-simple").data.products.items[0]!;
const configurable = () => loadFixture<Answer>("product-configurable").data.products.items[0]!;

describe("reshapeProduct", () => {
  it("reshapes a simple product into the domain shape", () => {
    const product = reshapeProduct(simple());
    expect(product).toMatchObject({
      id: 1, uid: "MQ==", sku: "24-MB01", name: "Joust Duffle Bag", type: "SIMPLE", urlKey: "joust-duffle-bag",
      url: "/joust-duffle-bag.html", metaTitle: "Joust Duffle Bag", metaDescription: "Joust Duffle Bag", stockStatus: "IN_STOCK",
      price: { min: { regular: { amount: 34, currency: "USD" }, final: { amount: 34, currency: "USD" }, discount: { amountOff: 0, percentOff: 0 } } },
      options: [], variants: [], specialPrice: undefined,
    });
    expect(product.media).toEqual([{ url: "http://magento.test/media/catalog/product/m/b/mb01-blue-0.jpg", label: "Joust Duffle Bag", position: 1 }]);
    expect(product.breadcrumbs).toEqual([{ name: "Gear", urlPath: "gear" }, { name: "Bags", urlPath: "gear/bags" }]);
    expect(product.categories.map((c) => c.id)).toEqual([3, 4]);
  });

  it("reshapes a configurable product with options, swatches and variants", () => {
    const product = reshapeProduct(configurable());
    expect(product.type).toBe("CONFIGURABLE");
    expect(product.specialPrice).toEqual({ amount: 69.3, currency: "USD" });
    expect(product.options).toEqual([
      { code: "color", label: "Color", values: [
        { uid: "Y29uZmlndXJhYmxlLzkzLzQ5", label: "Black", swatch: { kind: "COLOR", value: "#000000" } },
        { uid: "Y29uZmlndXJhYmxlLzkzLzUw", label: "Blue", swatch: { kind: "COLOR", value: "#1857f7" } },
      ] },
      { code: "size", label: "Size", values: [
        { uid: "Y29uZmlndXJhYmxlLzE0NC8xNjY=", label: "XS", swatch: { kind: "TEXT", value: "XS" } },
        { uid: "Y29uZmlndXJhYmxlLzE0NC8xNjc=", label: "S", swatch: undefined },
      ] },
    ]);
    // The variant whose product is null is dropped, not crashed on.
    expect(product.variants).toEqual([{
      sku: "WJ12-XS-Black",
      attributes: { color: { uid: "Y29uZmlndXJhYmxlLzkzLzQ5", label: "Black" }, size: { uid: "Y29uZmlndXJhYmxlLzE0NC8xNjY=", label: "XS" } },
      price: { min: { regular: { amount: 77, currency: "USD" }, final: { amount: 77, currency: "USD" }, discount: { amountOff: 0, percentOff: 0 } },
        max: { regular: { amount: 77, currency: "USD" }, final: { amount: 77, currency: "USD" }, discount: { amountOff: 0, percentOff: 0 } } },
      stockStatus: "IN_STOCK",
      image: { url: "http://magento.test/media/catalog/product/w/j/wj12-black_main_1.jpg", label: "Olivia 1/4 Zip Light Jacket", position: 0 },
    }]);
    expect(product.breadcrumbs.map((b) => b.name)).toEqual(["Women", "Tops", "Jackets"]);
    expect(tagsOfProduct(configurable(), product)).toEqual(["cat_p_1140", "cat_p_1131"]);
  });

  it.each([
    ["no image at all", "small_image", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.media.length).toBe(1)],
    ["no gallery and no image", "media_gallery", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.media).toHaveLength(1)],
    ["null stock status → OUT_OF_STOCK", "stock_status", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.stockStatus).toBe("OUT_OF_STOCK")],
    ["null description → empty html", "description", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.descriptionHtml).toBe("")],
    ["null discount → zero", "price_range.minimum_price.discount", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.price.min.discount).toEqual({ amountOff: 0, percentOff: 0 })],
    ["no maximum price → max equals min", "price_range.maximum_price", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.price.max).toEqual(p.price.min)],
    ["numeric string price is read as a number", "price_range.minimum_price.final_price.value", "31.50", (p: ReturnType<typeof reshapeProduct>) => expect(p.price.min.final.amount).toBe(31.5)],
    ["null canonical url → /<url_key><suffix>", "canonical_url", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.url).toBe("/joust-duffle-bag.html")],
    ["unknown type name → OTHER", "__typename", "SomethingNewProduct", (p: ReturnType<typeof reshapeProduct>) => expect(p.type).toBe("OTHER")],
    ["null categories → no breadcrumbs", "categories", null, (p: ReturnType<typeof reshapeProduct>) => expect(p.breadcrumbs).toEqual([])],
  ])("accepts odd data: %s", (_name, path, value, check) => {
    check(reshapeProduct(withPath(simple(), path, value)));
  });

  it("accepts a product with neither gallery nor small image (media is empty)", () => {
    const raw = withPath(withPath(simple(), "media_gallery", null), "small_image", null);
    expect(reshapeProduct(raw).media).toEqual([]);
  });

  it.each([
    ["no price range", "price_range", null, "Unexpected Magento answer for product at price_range: Invalid input: expected object, received null"],
    ["a null final price", "price_range.minimum_price.final_price.value", null, "Unexpected Magento answer for product at price_range.minimum_price.final_price.value: Invalid input"],
    ["a price that is not a number", "price_range.minimum_price.final_price.value", "abc", "Unexpected Magento answer for product at price_range.minimum_price.final_price.value: Invalid input"],
    ["a negative price", "price_range.minimum_price.regular_price.value", -5, "Unexpected Magento answer for product at price_range.minimum_price.regular_price.value: negative amount"],
    ["no currency", "price_range.minimum_price.final_price.currency", null, "Unexpected Magento answer for product at price_range.minimum_price.final_price.currency: Invalid input: expected string, received null"],
    ["no sku", "sku", undefined, "Unexpected Magento answer for product at sku: Invalid input: expected string, received undefined"],
    ["a null id", "id", null, "Unexpected Magento answer for product at id: Invalid input"],
  ])("rejects %s with MagentoShapeError", (_name, path, value, message) => {
    const attempt = () => reshapeProduct(withPath(simple(), path, value));
    expect(attempt).toThrow(MagentoShapeError);
    expect(attempt).toThrow(message);
  });

  it("rejects a null answer", () => {
    expect(() => reshapeProduct(null)).toThrow("Unexpected Magento answer for product at (root): Invalid input: expected object, received null");
  });

  it("reshapes a summary without description fields", () => {
    const summary = reshapeProductSummary(simple());
    expect(summary).toEqual({
      id: 1, uid: "MQ==", sku: "24-MB01", name: "Joust Duffle Bag", type: "SIMPLE", urlKey: "joust-duffle-bag", url: "/joust-duffle-bag.html",
      image: { url: "http://magento.test/media/catalog/product/m/b/mb01-blue-0.jpg", label: "Joust Duffle Bag", position: 1 },
      price: reshapeProduct(simple()).price, stockStatus: "IN_STOCK", rating: { summary: 0, reviewCount: 0 },
    });
  });

  it("reads rating_summary and review_count as Magento answers them (numbers or numeric strings)", () => {
    const rated = withPath(withPath(simple(), "rating_summary", "86.5"), "review_count", 3);
    expect(reshapeProductSummary(rated).rating).toEqual({ summary: 86.5, reviewCount: 3 });
  });
});
