// PostgreSQL full-text search: for catalogs past one process's memory and for many replicas sharing
// one index (every replica reads and writes the same tables; writes are idempotent upserts).
import pg from "pg";
import type { RelevanceConfig } from "../../config/relevance-config.ts";
import type { CatalogMeta } from "../../catalog/catalog-meta.ts";
import type { ProductDocument } from "../../catalog/product-document.ts";
import { EngineError } from "../../errors.ts";
import type { TextAnalyzer } from "../../text/analyzer.ts";
import type { SearchEngine } from "../engine.ts";
import { writeDocuments } from "./postgres-rows.ts";
import { createIndexSchema, dropIndexSchema, quoteSchema } from "./postgres-schema.ts";
import { searchPostgres } from "./postgres-search.ts";

export interface PostgresEngineOptions {
  /** Required, e.g. postgres://postgres@127.0.0.1:5432/postgres */
  databaseUrl: string;
  /** Schema holding the index. Default `strangler_search`. */
  schema?: string;
  relevance: RelevanceConfig;
  analyzer: TextAnalyzer;
  /** Pool size. Default 4. */
  maxConnections?: number;
  /** Drop the schema on close (tests). Default false. */
  dropOnClose?: boolean;
}

/** ts_rank's weights {D, C, B, A} from the configured field weights, scaled to at most 1. */
function rankWeights(weights: RelevanceConfig["weights"]): number[] {
  const classes = [Math.max(weights.shortDescription, weights.description), Math.max(weights.categories, weights.attributes), weights.name, weights.sku];
  const top = Math.max(...classes);
  return classes.map((w) => w / top);
}

async function guard<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError(`PostgreSQL ${what} failed: ${(error as Error).message}`, { cause: error });
  }
}

export async function createPostgresEngine(options: PostgresEngineOptions): Promise<SearchEngine> {
  const schema = options.schema ?? "strangler_search";
  const s = quoteSchema(schema);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 4 });
  pool.on("error", () => {}); // an idle client's error surfaces on the next query
  let nameCollation: string;
  try {
    await createIndexSchema(pool, schema);
    const icu = await guard("start", () => pool.query("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'"));
    nameCollation = icu.rowCount ? ' COLLATE "und-x-icu"' : "";
  } catch (error) {
    await pool.end();
    throw error;
  }
  const fieldOptions = { analyzer: options.analyzer, searchableAttributes: options.relevance.searchableAttributes };
  const context = { pool, s, weights: rankWeights(options.relevance.weights), typo: options.relevance.typoTolerance, nameCollation };

  const inTransaction = (what: string, work: (client: pg.PoolClient) => Promise<void>) => guard(what, async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await work(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  });

  return {
    name: "postgres",
    shared: true,
    replaceAll: (documents, meta) => inTransaction("rebuild", async (client) => {
      await client.query(`DELETE FROM ${s}.products`);
      await client.query(`DELETE FROM ${s}.words`);
      await writeDocuments(client, s, documents, meta, fieldOptions);
    }),
    upsert: (documents, meta) => inTransaction("upsert", (client) => writeDocuments(client, s, documents, meta, fieldOptions)),
    remove: (ids) => guard("remove", async () => void (await pool.query(`DELETE FROM ${s}.products WHERE id = ANY($1::int[])`, [ids]))),
    meta: () => guard("meta", async () => (await pool.query<{ meta: CatalogMeta }>(`SELECT meta FROM ${s}.meta`)).rows[0]?.meta),
    get: (ids) => guard("get", async () => (await pool.query<{ doc: ProductDocument }>(`SELECT doc FROM ${s}.products WHERE id = ANY($1::int[]) ORDER BY id`, [ids])).rows.map((r) => r.doc)),
    count: () => guard("count", async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.products`)).rows[0]?.n ?? 0),
    search: (query) => guard("search", () => searchPostgres(context, query)),
    async close() {
      if (options.dropOnClose) await dropIndexSchema(pool, schema).catch(() => {});
      await pool.end();
    },
  };
}
