// What a shopper and a crawler see on a Luma page, as normalized facts: the pure first half of parity
// (facts-diff.ts is the second). Reads Luma's real markup (magento-sandbox/src/storefront renders it, and the
// new frontend copies it): `.page-title`, `[data-price-type]`, `.stock`, `.product.attribute.sku .value`,
// `#product-addtocart-button`, `.breadcrumbs`, `link[rel=canonical]`, JSON-LD, `.product-items`. Normalized so
// only meaning differs: whitespace collapsed, entities decoded (htmlparser2), absolute URLs reduced to their
// path (the two sides answer on different hosts), amounts to two decimals. A CSRF form_key is not a fact:
// no shopper or crawler reads it.
import * as css from "css-select";
import type { AnyNode, Element } from "domhandler";
import { getAttributeValue, textContent } from "domutils";
import { parseDocument } from "htmlparser2";

export interface PriceFacts {
  /** Two decimals, e.g. "34.00"; null when the page shows no price. */
  final: string | null;
  /** The struck-through price (`oldPrice`) when the page shows one. */
  regular: string | null;
  /** The symbol or code printed with the final price, e.g. "$" or "€". */
  currency: string | null;
}

export interface PageFacts {
  kind: "page";
  status: number;
  /** Location's path (and query) for a redirect; null otherwise. */
  redirect: string | null;
  title: string | null;
  metaDescription: string | null;
  robots: string | null;
  canonical: string | null;
  /** "lang path", sorted. */
  hreflang: string[];
  /** "label path" (path "-" for the current, unlinked crumb). */
  breadcrumbs: string[];
  h1: string | null;
  price: PriceFacts;
  sku: string | null;
  stock: "in_stock" | "out_of_stock" | null;
  /** "Label: value, value" per configurable option, in page order. */
  options: string[];
  addToCart: boolean;
  /** JSON-LD objects by @type, URLs reduced to paths; null when absent. */
  jsonLd: { Product: unknown; BreadcrumbList: unknown };
  /** Product paths of a category or search page, in order. */
  products: string[];
  /** The toolbar's total ("of 14"), else the number listed. */
  productCount: number | null;
}

export interface GraphqlFacts {
  kind: "graphql";
  status: number;
  /** The parsed answer; undefined when it was not JSON. */
  json: unknown;
}

export type Facts = PageFacts | GraphqlFacts;

export interface ResponseFacts {
  status: number;
  location: string | undefined;
  body: string;
}

const selectOne = (selector: string, root: AnyNode[]): Element | null => css.selectOne<AnyNode, Element>(selector, root);
const selectAll = (selector: string, root: AnyNode[]): Element[] => css.selectAll<AnyNode, Element>(selector, root);

export function extractPageFacts(response: ResponseFacts): PageFacts {
  const doc = parseDocument(response.body);
  const nodes = doc.children;
  const one = (selector: string, root: AnyNode[] = nodes) => selectOne(selector, root);
  const main = one(".product-info-main");
  const mainNodes = main === null ? [] : [main];
  const final = main === null ? null : one("[data-price-type=finalPrice][data-price-amount]", mainNodes);
  const regular = main === null ? null : one("[data-price-type=oldPrice][data-price-amount]", mainNodes);
  const count = selectAll(".toolbar-amount .toolbar-number", nodes).map(text).at(-1);
  const products = selectAll(".product-items .product-item-link", nodes).map((link) => toPath(attr(link, "href")) ?? "");
  return {
    kind: "page",
    status: response.status,
    redirect: toPath(response.location),
    title: textOf(one("head title")),
    metaDescription: content(one('meta[name="description" i]')),
    robots: content(one('meta[name="robots" i]'))?.toUpperCase().replace(/\s*,\s*/g, ",") ?? null,
    canonical: toPath(attr(one('link[rel="canonical" i]'), "href")),
    hreflang: selectAll('link[rel="alternate" i][hreflang]', nodes).map((link) => `${attr(link, "hreflang")} ${toPath(attr(link, "href"))}`).sort(),
    breadcrumbs: selectAll(".breadcrumbs li", nodes).map((item) => `${text(item)} ${toPath(attr(one("a", [item]), "href")) ?? "-"}`),
    h1: textOf(one("h1.page-title") ?? one("h1")),
    price: {
      final: amount(attr(final, "data-price-amount")),
      regular: amount(attr(regular, "data-price-amount")),
      currency: currencyOf(final === null ? null : one(".price", [final])),
    },
    sku: textOf(one('.product.attribute.sku .value, [itemprop="sku"]', mainNodes)),
    stock: stockOf(main === null ? null : one(".stock", mainNodes)),
    options: selectAll(".product-options-wrapper .field.configurable", mainNodes).map(describeOption),
    addToCart: one("#product-addtocart-button", mainNodes.length > 0 ? mainNodes : nodes) !== null,
    jsonLd: readJsonLd(selectAll('script[type="application/ld+json" i]', nodes)),
    products,
    productCount: count !== undefined && /^\d+$/.test(count) ? Number(count) : products.length > 0 ? products.length : null,
  };
}

export function extractGraphqlFacts(response: ResponseFacts): GraphqlFacts {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  return { kind: "graphql", status: response.status, json };
}

function attr(element: Element | null, name: string): string | undefined {
  return element === null ? undefined : getAttributeValue(element, name);
}

function text(node: AnyNode): string {
  return textContent(node).replace(/\s+/g, " ").trim();
}

function textOf(node: Element | null): string | null {
  if (node === null) return null;
  const value = text(node);
  return value === "" ? null : value;
}

function content(meta: Element | null): string | null {
  const value = attr(meta, "content")?.replace(/\s+/g, " ").trim();
  return value === undefined || value === "" ? null : value;
}

/** An absolute or relative URL → its path and query, so the two sides' hosts do not differ. */
export function toPath(url: string | undefined): string | null {
  if (url === undefined || url.trim() === "") return null;
  try {
    const parsed = new URL(url.trim(), "http://parity.invalid");
    return parsed.pathname + parsed.search;
  } catch {
    return url.trim();
  }
}

function amount(value: string | undefined): string | null {
  if (value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number.toFixed(2) : value.trim();
}

function currencyOf(price: Element | null): string | null {
  if (price === null) return null;
  const symbol = text(price).replace(/[\d.,\s\u00a0-]/g, "");
  return symbol === "" ? null : symbol;
}

function stockOf(stock: Element | null): PageFacts["stock"] {
  if (stock === null) return null;
  const classes = (attr(stock, "class") ?? "").split(/\s+/);
  if (classes.includes("unavailable") || classes.includes("out-of-stock")) return "out_of_stock";
  if (classes.includes("available") || classes.includes("in-stock")) return "in_stock";
  return /out of stock/i.test(text(stock)) ? "out_of_stock" : "in_stock";
}

function describeOption(field: Element): string {
  const label = textOf(selectOne("label", [field])) ?? "?";
  const values = selectAll("option", [field]).filter((option) => attr(option, "value") !== "").map(text);
  return `${label}: ${values.join(", ")}`;
}

function readJsonLd(scripts: Element[]): PageFacts["jsonLd"] {
  const found: PageFacts["jsonLd"] = { Product: null, BreadcrumbList: null };
  for (const script of scripts) {
    let value: unknown;
    try {
      value = JSON.parse(textContent(script));
    } catch {
      continue; // a broken block is as good as none to a crawler
    }
    const graph = (value as { "@graph"?: unknown })?.["@graph"];
    for (const item of [value, graph].flat(2)) {
      const type = (item as { "@type"?: unknown } | null)?.["@type"];
      if ((type === "Product" || type === "BreadcrumbList") && found[type] === null) found[type] = urlsToPaths(item);
    }
  }
  return found;
}

function urlsToPaths(value: unknown): unknown {
  if (typeof value === "string") return /^https?:\/\//.test(value) ? toPath(value) : value;
  if (Array.isArray(value)) return value.map(urlsToPaths);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "@context").map(([key, item]) => [key, urlsToPaths(item)]));
  }
  return value;
}
