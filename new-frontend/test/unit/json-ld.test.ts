import { describe, expect, it } from "vitest";
import type { Product } from "@strangler/adapters";
import { buildProductJsonLd, serializeJsonLd } from "../../lib/json-ld.ts";
import { makePrice as price, makeProduct as makeBaseProduct } from "../support/products.ts";

const makeProduct = (fields: Partial<Product> = {}): Product => makeBaseProduct({
  id: 14, uid: "MTQ=", media: [{ url: "http://127.0.0.1:8081/media/catalog/product/m/b/mb01-blue-0.jpg", label: "", position: 1 }], ...fields,
});

describe("buildProductJsonLd", () => {
  it("builds an Offer with an absolute public URL", () => {
    expect(buildProductJsonLd(makeProduct(), "https://shop.example")).toEqual({
      "@context": "https://schema.org", "@type": "Product", name: "Joust Duffle Bag", sku: "24-MB01",
      url: "https://shop.example/joust-duffle-bag.html", description: "The sporty Joust Duffle Bag",
      image: ["http://127.0.0.1:8081/media/catalog/product/m/b/mb01-blue-0.jpg"],
      offers: { "@type": "Offer", priceCurrency: "USD", price: "34.00", availability: "https://schema.org/InStock", url: "https://shop.example/joust-duffle-bag.html" },
    });
  });

  it("builds an AggregateOffer for a price range and marks out of stock", () => {
    const ld = buildProductJsonLd(makeProduct({ price: { min: price(29), max: price(45) }, stockStatus: "OUT_OF_STOCK" }), "https://shop.example");
    expect(ld.offers).toEqual({ "@type": "AggregateOffer", priceCurrency: "USD", lowPrice: "29.00", highPrice: "45.00", availability: "https://schema.org/OutOfStock", url: "https://shop.example/joust-duffle-bag.html" });
  });

  it("leaves out images and offers a product does not have", () => {
    const ld = buildProductJsonLd(makeProduct({ media: [], price: { min: price(Number.NaN), max: price(Number.NaN) } }), "https://shop.example");
    expect(ld).not.toHaveProperty("image");
    expect(ld).not.toHaveProperty("offers");
  });

  it("offers a free product at 0.00, the price its page shows", () => {
    const ld = buildProductJsonLd(makeProduct({ price: { min: price(0), max: price(0) } }), "https://shop.example");
    expect(ld.offers).toMatchObject({ "@type": "Offer", price: "0.00", priceCurrency: "USD" });
  });
});

describe("serializeJsonLd", () => {
  it("cannot be used to close the script tag", () => {
    const json = serializeJsonLd({ name: "</script><script>alert(1)</script>" });
    expect(json).not.toContain("</script>");
    expect(JSON.parse(json)).toEqual({ name: "</script><script>alert(1)</script>" });
  });
});
