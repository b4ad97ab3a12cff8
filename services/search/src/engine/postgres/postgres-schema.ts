// The tables of a PostgreSQL index, in a schema of its own: products (a weighted tsvector with a GIN
// index, the filter columns, facet keys with a GIN index, the document as jsonb), the indexed words
// (trigram GIN index, for typo tolerance) and the catalog meta. `any_of(words)` is the tsquery that
// matches any of the words as a stemmed English prefix.
import type { Pool } from "pg";
import { EngineError } from "../../errors.ts";

export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new EngineError(`"${schema}" is not a schema name (lower-case letters, digits, _; at most 63)`);
  return `"${schema}"`;
}

function ddl(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.products (
  id integer PRIMARY KEY,
  sku text NOT NULL,
  url_key text NOT NULL,
  visibility text NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  price double precision NOT NULL,
  name_key text NOT NULL,
  sku_keys text[] NOT NULL,
  category_ids integer[] NOT NULL,
  facet_keys text[] NOT NULL,
  search_vector tsvector NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS products_search_vector ON ${s}.products USING GIN (search_vector);
CREATE INDEX IF NOT EXISTS products_facet_keys ON ${s}.products USING GIN (facet_keys);
CREATE INDEX IF NOT EXISTS products_category_ids ON ${s}.products USING GIN (category_ids);
CREATE TABLE IF NOT EXISTS ${s}.words (word text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS words_trigrams ON ${s}.words USING GIN (word public.gin_trgm_ops);
CREATE TABLE IF NOT EXISTS ${s}.meta (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), meta jsonb NOT NULL, built_at timestamptz NOT NULL);
CREATE OR REPLACE FUNCTION ${s}.any_of(words text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE AS $$
  SELECT to_tsquery('english', array_to_string(ARRAY(SELECT quote_literal(w) || ':*' FROM unnest(words) AS w), ' | '))
$$;`;
}

/** pg_trgm is per database; two processes creating it at once race, so a lost race is fine. */
async function createTrigramExtension(pool: Pool): Promise<void> {
  try {
    await pool.query("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "23505" && code !== "42710") throw error;
  }
}

export async function createIndexSchema(pool: Pool, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  try {
    await createTrigramExtension(pool);
    // One advisory lock per schema name: replicas starting together create the tables once.
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [schema]);
      await client.query(ddl(s));
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [schema]).catch(() => {});
      client.release();
    }
  } catch (error) {
    throw new EngineError(`Could not create the search schema ${schema}: ${(error as Error).message}`, { cause: error });
  }
}

export async function dropIndexSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteSchema(schema)} CASCADE`);
}
