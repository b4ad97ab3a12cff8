// Product structured data (schema.org) for search engines, built from the domain product. Pure.
import type { Product } from "@strangler/adapters";
import { toPlainText } from "./sanitize.ts";
import { toPublicUrl } from "./public-url.ts";

export interface ProductJsonLd {
  "@context": "https://schema.org";
  "@type": "Product";
  name: string;
  sku: string;
  url: string;
  description?: string;
  image?: string[];
  offers?: {
    "@type": "Offer" | "AggregateOffer";
    priceCurrency: string;
    price?: string;
    lowPrice?: string;
    highPrice?: string;
    availability: string;
    url: string;
  };
}

/** Media sit at the host's root (Magento's media URL carries no store code): a root-relative join. */
function toAbsolute(url: string, publicUrl: string): string {
  return new URL(url, `${publicUrl}/`).toString();
}

function formatAmount(amount: number): string {
  return amount.toFixed(2);
}

function buildOffer(product: Product, url: string): ProductJsonLd["offers"] {
  const min = product.price.min.final;
  const max = product.price.max.final;
  // A free product ($0.00, shown on the page as Magento shows it) is still offered.
  if (!Number.isFinite(min.amount) || min.amount < 0) return undefined;
  const availability = product.stockStatus === "IN_STOCK" ? "https://schema.org/InStock" : "https://schema.org/OutOfStock";
  if (max.amount > min.amount) {
    return { "@type": "AggregateOffer", priceCurrency: min.currency, lowPrice: formatAmount(min.amount), highPrice: formatAmount(max.amount), availability, url };
  }
  return { "@type": "Offer", priceCurrency: min.currency, price: formatAmount(min.amount), availability, url };
}

export function buildProductJsonLd(product: Product, publicUrl: string): ProductJsonLd {
  const url = toPublicUrl(product.url, publicUrl);
  const description = toPlainText(product.shortDescriptionHtml || product.descriptionHtml, 5000);
  const images = product.media.map((image) => toAbsolute(image.url, publicUrl));
  const offers = buildOffer(product, url);
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    sku: product.sku,
    url,
    ...(description ? { description } : {}),
    ...(images.length > 0 ? { image: images } : {}),
    ...(offers ? { offers } : {}),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no value can close the tag. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
