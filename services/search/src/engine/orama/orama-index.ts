// The Orama database: one record per product with its weighted text fields (BM25, stemmed English,
// prefix and typo tolerant search), the enum fields filters use, and `facetKeys`, whose facet counts
// give layered navigation (attribute values, categories, price buckets) over any result set.
import { create, getByID, insertMultiple, removeMultiple, upsertMultiple, type Orama } from "@orama/orama";
import type { CatalogMeta } from "../../catalog/catalog-meta.ts";
import type { ProductDocument } from "../../catalog/product-document.ts";
import { facetKeysOf } from "../engine.ts";
import { priceKeys } from "../price-buckets.ts";
import { buildSearchFields, type SearchFieldOptions } from "../search-fields.ts";
import type { Vocabulary } from "../vocabulary.ts";

export const oramaSchema = {
  pid: "enum",
  sku: "string",
  name: "string",
  categories: "string",
  attributes: "string",
  shortDescription: "string",
  description: "string",
  skuExact: "enum",
  urlKey: "enum",
  visibility: "enum",
  categoryIds: "enum[]",
  facetKeys: "enum[]",
  price: "number",
} as const;

export type OramaDb = Orama<typeof oramaSchema>;

/** A stored record: the indexed fields plus what the answer and the ranking read back. */
export interface OramaRecord {
  id: string;
  pid: number;
  doc: ProductDocument;
  nameKey: string;
  skuKeys: string[];
}

export interface OramaIndexOptions extends SearchFieldOptions {
  vocabulary: Vocabulary;
}

export function createOramaDb(stopWords: string[]): OramaDb {
  return create({
    schema: oramaSchema,
    components: { tokenizer: { language: "english", stemming: true, stopWords } },
  });
}

function toRecord(doc: ProductDocument, meta: CatalogMeta, options: OramaIndexOptions) {
  const fields = buildSearchFields(doc, meta, options);
  for (const text of Object.values(fields.text)) options.vocabulary.add(text);
  return {
    id: String(doc.id),
    pid: doc.id,
    ...fields.text,
    skuExact: doc.sku,
    urlKey: doc.urlKey,
    visibility: doc.visibility,
    categoryIds: doc.categoryIds,
    facetKeys: [...facetKeysOf(doc), ...priceKeys(doc.price.min.final.amount)],
    price: doc.price.min.final.amount,
    doc,
    nameKey: fields.nameKey,
    skuKeys: fields.skuKeys,
  };
}

export async function insertDocuments(db: OramaDb, docs: ProductDocument[], meta: CatalogMeta, options: OramaIndexOptions): Promise<void> {
  if (docs.length > 0) await insertMultiple(db, docs.map((doc) => toRecord(doc, meta, options)));
}

export async function upsertDocuments(db: OramaDb, docs: ProductDocument[], meta: CatalogMeta, options: OramaIndexOptions): Promise<void> {
  if (docs.length > 0) await upsertMultiple(db, docs.map((doc) => toRecord(doc, meta, options)));
}

export async function removeDocuments(db: OramaDb, ids: number[]): Promise<void> {
  const present = ids.map(String).filter((id) => getByID(db, id) !== undefined);
  if (present.length > 0) await removeMultiple(db, present);
}

export function getRecord(db: OramaDb, id: number): OramaRecord | undefined {
  return getByID(db, String(id)) as OramaRecord | undefined;
}
