// The text a document is searched by, field by field (each with its weight in search.config.json),
// and the keys of exact matches. Built the same way for every engine.
import type { TextAnalyzer } from "../text/analyzer.ts";
import { htmlToText } from "../text/analyzer.ts";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import type { ProductDocument } from "../catalog/product-document.ts";

export const TEXT_FIELDS = ["sku", "name", "categories", "attributes", "shortDescription", "description"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface SearchFields {
  text: Record<TextField, string>;
  /** analyzer.key of the name. */
  nameKey: string;
  /** analyzer.key of the SKU and of every variant SKU. */
  skuKeys: string[];
}

export interface SearchFieldOptions {
  analyzer: TextAnalyzer;
  /** Attribute codes whose option labels are searched (Magento's "Use in Search"). */
  searchableAttributes: string[];
}

function categoryNames(doc: ProductDocument, meta: CatalogMeta): string {
  const names = new Map(meta.categories.map((c) => [c.id, c.name]));
  return doc.categoryIds.map((id) => names.get(id) ?? "").join(" ");
}

function attributeLabels(doc: ProductDocument, meta: CatalogMeta, codes: string[]): string {
  const labels: string[] = [];
  for (const code of codes) {
    const attribute = meta.attributes.find((a) => a.code === code);
    for (const value of doc.attributes[code] ?? []) labels.push(attribute?.options.find((o) => o.value === value)?.label ?? "");
  }
  return labels.join(" ");
}

export function buildSearchFields(doc: ProductDocument, meta: CatalogMeta, options: SearchFieldOptions): SearchFields {
  const { analyzer } = options;
  const words = (text: string) => analyzer.words(text).join(" ");
  return {
    text: {
      sku: [doc.sku, ...doc.childSkus].map((sku) => analyzer.key(sku)).join(" "),
      name: words(doc.name),
      categories: words(categoryNames(doc, meta)),
      attributes: words(attributeLabels(doc, meta, options.searchableAttributes)),
      shortDescription: words(htmlToText(doc.shortDescriptionHtml)),
      description: words(htmlToText(doc.descriptionHtml)),
    },
    nameKey: analyzer.key(doc.name),
    skuKeys: [doc.sku, ...doc.childSkus].map((sku) => analyzer.key(sku)),
  };
}

/** Orders two documents the way `sort` asks, then by position (Magento's tie-break). */
export function compareBy(field: "position" | "name" | "price", a: ProductDocument, b: ProductDocument): number {
  if (field === "name") return a.name.localeCompare(b.name);
  if (field === "price") return a.price.min.final.amount - b.price.min.final.amount;
  return a.position - b.position;
}
