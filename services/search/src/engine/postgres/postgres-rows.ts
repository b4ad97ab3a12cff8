// Documents → rows, written many at a time: one jsonb array through jsonb_to_recordset, the tsvector
// built in SQL from the weighted fields (A SKU, B name, C categories and attributes, D descriptions).
import type { PoolClient } from "pg";
import type { CatalogMeta } from "../../catalog/catalog-meta.ts";
import type { ProductDocument } from "../../catalog/product-document.ts";
import { facetKeysOf } from "../engine.ts";
import { buildSearchFields, type SearchFieldOptions } from "../search-fields.ts";

function toRow(doc: ProductDocument, meta: CatalogMeta, options: SearchFieldOptions) {
  const { text, nameKey, skuKeys } = buildSearchFields(doc, meta, options);
  return {
    id: doc.id, sku: doc.sku, url_key: doc.urlKey, visibility: doc.visibility, position: doc.position, name: doc.name,
    price: doc.price.min.final.amount, name_key: nameKey, sku_keys: skuKeys, category_ids: doc.categoryIds, facet_keys: facetKeysOf(doc),
    t_a: text.sku, t_b: text.name, t_c: `${text.categories} ${text.attributes}`, t_d: `${text.shortDescription} ${text.description}`, doc,
  };
}

const UPSERT = (s: string) => `
INSERT INTO ${s}.products (id, sku, url_key, visibility, position, name, price, name_key, sku_keys, category_ids, facet_keys, search_vector, doc)
SELECT r.id, r.sku, r.url_key, r.visibility, r.position, r.name, r.price, r.name_key, r.sku_keys, r.category_ids, r.facet_keys,
  setweight(to_tsvector('english', r.t_a), 'A') || setweight(to_tsvector('english', r.t_b), 'B')
  || setweight(to_tsvector('english', r.t_c), 'C') || setweight(to_tsvector('english', r.t_d), 'D'),
  r.doc
FROM jsonb_to_recordset($1::jsonb) AS r(id integer, sku text, url_key text, visibility text, position integer, name text, price double precision,
  name_key text, sku_keys text[], category_ids integer[], facet_keys text[], t_a text, t_b text, t_c text, t_d text, doc jsonb)
ON CONFLICT (id) DO UPDATE SET sku = EXCLUDED.sku, url_key = EXCLUDED.url_key, visibility = EXCLUDED.visibility, position = EXCLUDED.position,
  name = EXCLUDED.name, price = EXCLUDED.price, name_key = EXCLUDED.name_key, sku_keys = EXCLUDED.sku_keys, category_ids = EXCLUDED.category_ids,
  facet_keys = EXCLUDED.facet_keys, search_vector = EXCLUDED.search_vector, doc = EXCLUDED.doc`;

/** Upserts rows, their words and the meta, in the caller's transaction. */
export async function writeDocuments(client: PoolClient, s: string, docs: ProductDocument[], meta: CatalogMeta, options: SearchFieldOptions): Promise<void> {
  const rows = docs.map((doc) => toRow(doc, meta, options));
  for (let start = 0; start < rows.length; start += 500) {
    await client.query(UPSERT(s), [JSON.stringify(rows.slice(start, start + 500))]);
  }
  const words = new Set(rows.flatMap((row) => `${row.t_b} ${row.t_c} ${row.t_d}`.split(" ")).filter((w) => w.length >= 3 && !/^\d+$/.test(w)));
  if (words.size > 0) await client.query(`INSERT INTO ${s}.words (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [[...words]]);
  await client.query(`INSERT INTO ${s}.meta (singleton, meta, built_at) VALUES (true, $1::jsonb, now())
    ON CONFLICT (singleton) DO UPDATE SET meta = EXCLUDED.meta, built_at = EXCLUDED.built_at`, [JSON.stringify(meta)]);
}
