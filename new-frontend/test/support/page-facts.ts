// The commerce facts of a Luma page, read from its markup with the selectors a parity check uses on
// both sides (the legacy sandbox and the new frontend render the same Luma markers). Pure.
import { load } from "cheerio";

export interface PageFacts {
  title: string;
  metaDescription: string | null;
  robots: string | null;
  canonical: string | null;
  hreflang: string[];
  breadcrumbs: string[];
  h1: string;
  finalPrice: string | null;
  oldPrice: string | null;
  /** The currency sign or code before the amount of the shown final price, e.g. `$`. */
  currency: string | null;
  sku: string | null;
  stock: string | null;
  /** `Color: Black|Blue` per configurable picker. */
  options: string[];
  addToCart: boolean;
  /** A category or search page's product links, in order, and the listed total. */
  listing: string[];
  listingTotal: string | null;
}

export interface JsonLdProduct {
  name?: string;
  sku?: string;
  offers?: { price?: string; lowPrice?: string; priceCurrency?: string; availability?: string };
}

const clean = (value: string | undefined | null): string => (value ?? "").replace(/\s+/g, " ").trim();

export function readPageFacts(html: string): PageFacts {
  const $ = load(html);
  const main = $(".product-info-main").first();
  const scope = main.length > 0 ? main : $(".column.main").first();
  const final = scope.find("[data-price-type=finalPrice][data-price-amount]").first();
  const finalText = clean(final.find(".price").first().text());
  return {
    title: clean($("title").first().text()),
    metaDescription: $('meta[name="description"]').attr("content") ?? null,
    robots: $('meta[name="robots"]').attr("content") ?? null,
    canonical: $('link[rel="canonical"]').attr("href") ?? null,
    hreflang: $('link[rel="alternate"][hreflang]').map((_, el) => `${$(el).attr("hreflang")}=${$(el).attr("href")}`).get(),
    breadcrumbs: $(".breadcrumbs li").map((_, el) => clean($(el).text())).get(),
    h1: clean($(".page-title").first().text()),
    finalPrice: main.length > 0 ? (final.attr("data-price-amount") ?? null) : null,
    oldPrice: main.length > 0 ? (main.find("[data-price-type=oldPrice][data-price-amount]").first().attr("data-price-amount") ?? null) : null,
    currency: main.length > 0 && finalText ? finalText.replace(/[\d.,\s]+$/, "") || null : null,
    sku: main.length > 0 ? clean(main.find(".product.attribute.sku .value").first().text()) || null : null,
    stock: main.length > 0 ? clean(main.find(".stock").first().text()) || null : null,
    options: $(".super-attribute-select").map((_, el) => {
      const label = clean($(`label[for="${$(el).attr("id")}"]`).first().text());
      const values = $(el).find("option").map((__, option) => clean($(option).text())).get().filter((text) => text !== "Choose an Option...");
      return `${label}: ${values.join("|")}`;
    }).get(),
    addToCart: $("#product-addtocart-button").length > 0,
    listing: $(".product-items .product-item-link").map((_, el) => clean($(el).text())).get(),
    listingTotal: $("#toolbar-amount .toolbar-number").last().text() || null,
  };
}

export function readJsonLdProducts(html: string): JsonLdProduct[] {
  const $ = load(html);
  return $('script[type="application/ld+json"]').map((_, el) => {
    try {
      const value = JSON.parse($(el).text()) as { "@type"?: string } & JsonLdProduct;
      return value["@type"] === "Product" ? [value] : [];
    } catch {
      return [];
    }
  }).get() as JsonLdProduct[];
}

/** Field-by-field differences between the legacy and the new page's facts. */
export function diffFacts(legacy: PageFacts, next: PageFacts): string[] {
  return (Object.keys(legacy) as (keyof PageFacts)[]).flatMap((field) => {
    const a = JSON.stringify(legacy[field]);
    const b = JSON.stringify(next[field]);
    return a === b ? [] : [`${field}: legacy ${a} ≠ new ${b}`];
  });
}

/** A JSON-LD Product must say what the page shows: name, SKU, price, currency, availability. */
export function diffJsonLd(facts: PageFacts, product: JsonLdProduct): string[] {
  const problems: string[] = [];
  // The H1 is read as shown (whitespace collapsed); JSON-LD carries the name as stored.
  if (clean(product.name) !== facts.h1) problems.push(`jsonld name ${product.name} ≠ ${facts.h1}`);
  if (product.sku !== facts.sku) problems.push(`jsonld sku ${product.sku} ≠ ${facts.sku}`);
  const price = product.offers?.price ?? product.offers?.lowPrice;
  if (facts.finalPrice !== null && price !== undefined && Number(price) !== Number(facts.finalPrice)) problems.push(`jsonld price ${price} ≠ ${facts.finalPrice}`);
  if (product.offers && facts.currency === "$" && product.offers.priceCurrency !== "USD") problems.push(`jsonld currency ${product.offers.priceCurrency}`);
  const inStock = facts.stock?.toLowerCase() === "in stock";
  if (product.offers?.availability && product.offers.availability.endsWith("InStock") !== inStock) problems.push(`jsonld availability ${product.offers.availability} ≠ ${facts.stock}`);
  return problems;
}
