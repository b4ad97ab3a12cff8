// One query against the PostgreSQL index, in two round trips: the query words' typo variants (for a
// word that matches nothing as typed: indexed words within the allowed edits, found by trigram
// similarity), then one statement that
// matches, ranks (ts_rank over the weighted vector), sorts, pages and counts the facets in SQL.
// Same semantics as the Orama engine: every word must match, else the most words come first.
import { distance } from "fastest-levenshtein";
import type { Pool } from "pg";
import type { DocFilter, EngineQuery, EngineResult } from "../engine.ts";
import { readFacetKeys } from "../engine.ts";
import { allowedEdits, type TypoRules } from "../vocabulary.ts";

export interface PostgresSearchContext {
  pool: Pool;
  /** The quoted schema. */
  s: string;
  /** ts_rank weights, in its order {D, C, B, A}. */
  weights: number[];
  /** `COLLATE "und-x-icu"` when the server has ICU: names sort as JavaScript's localeCompare does. */
  nameCollation: string;
  typo: TypoRules;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function filterSql(filter: DocFilter, params: Params): string {
  switch (filter.kind) {
    case "sku": return `p.sku = ANY(${params.add(filter.values)}::text[])`;
    case "urlKey": return `p.url_key = ANY(${params.add(filter.values)}::text[])`;
    case "category": return `p.category_ids && ${params.add(filter.ids)}::int[]`;
    case "attribute": return `p.facet_keys && ${params.add(filter.values.map((v) => `a:${filter.code}:${v}`))}::text[]`;
    case "price": return [
      ...(filter.from !== undefined ? [`p.price >= ${params.add(filter.from)}::float8`] : []),
      ...(filter.to !== undefined ? [`p.price <= ${params.add(filter.to)}::float8`] : []),
    ].join(" AND ") || "true";
  }
}

interface Expansion { variants: string[][]; corrections: Map<string, string> }

async function expandWords(ctx: PostgresSearchContext, words: string[]): Promise<Expansion> {
  // Words that may not have typos (short ones, codes) need no round trip.
  if (words.every((word) => allowedEdits(word, ctx.typo) === 0)) return { variants: words.map((word) => [word]), corrections: new Map() };
  const { rows } = await ctx.pool.query<{ word: string; known: boolean; candidates: string[] }>(`
    SELECT q.word,
      EXISTS (SELECT 1 FROM ${ctx.s}.products WHERE search_vector @@ ${ctx.s}.any_of(ARRAY[q.word])) AS known,
      ARRAY(SELECT w.word FROM ${ctx.s}.words w WHERE w.word OPERATOR(public.%) q.word ORDER BY w.word OPERATOR(public.<->) q.word LIMIT 8) AS candidates
    FROM unnest($1::text[]) AS q(word)`, [words]);
  const corrections = new Map<string, string>();
  const variants = words.map((word) => {
    const edits = allowedEdits(word, ctx.typo);
    const row = rows.find((r) => r.word === word);
    // Only a word that matches nothing as typed is widened to its near words (`short` never becomes `sport`).
    if (!row || row.known) return [word];
    const near = row.candidates.filter((candidate) => candidate !== word && distance(word, candidate) <= edits);
    if (near[0]) corrections.set(word, near[0]);
    return [word, ...near];
  });
  return { variants, corrections };
}

function orderSql(query: EngineQuery, params: Params, nameCollation: string): string {
  const parts = query.sort.flatMap(({ field, direction }) => {
    if (field !== "relevance") return [`${field}${field === "name" ? nameCollation : ""} ${direction === "DESC" ? "DESC" : "ASC"}`];
    if (!query.text) return [];
    const key = params.add(query.text.key);
    return [`(name_key = ${key}::text OR ${key}::text = ANY(sku_keys)) DESC`, "coverage DESC", "rank DESC"];
  });
  return [...parts, "position ASC", "id ASC"].join(", ");
}

/** The word queries, computed once in a one-row CTE `q` (q0…qn and `qa`, any of them). */
function textSql(ctx: PostgresSearchContext, variants: string[][], params: Params) {
  if (variants.length === 0) return { cte: "", from: "", match: "true", coverage: "0", rank: "0", answer: "true" };
  const columns = variants.map((words, i) => `${ctx.s}.any_of(${params.add(words)}::text[]) AS q${i}`);
  const count = params.add(variants.length);
  return {
    cte: `q AS MATERIALIZED (SELECT *, ${variants.map((_, i) => `q${i}`).join(" || ")} AS qa FROM (SELECT ${columns.join(", ")}) AS words),`,
    from: ", q",
    match: "p.search_vector @@ q.qa",
    coverage: `(${variants.map((_, i) => `(p.search_vector @@ q.q${i})::int`).join(" + ")})`,
    rank: `ts_rank(${params.add(ctx.weights)}::float4[], p.search_vector, q.qa)`,
    answer: `coverage = ${count} OR NOT EXISTS (SELECT 1 FROM matched WHERE coverage = ${count})`,
  };
}

const FACETS_SQL = `
  (SELECT coalesce(json_object_agg(k, c), '{}') FROM (SELECT k, count(*) AS c FROM answer, unnest(facet_keys) AS k GROUP BY k) f) AS facets,
  (SELECT coalesce(json_agg(json_build_array(b, c, step) ORDER BY b), '[]') FROM (
    SELECT floor(price / step.step) * step.step AS b, count(*) AS c, step.step FROM answer, step GROUP BY 1, 3) AS x) AS prices`;

export async function searchPostgres(ctx: PostgresSearchContext, query: EngineQuery): Promise<EngineResult> {
  const expansion = query.text ? await expandWords(ctx, query.text.words) : { variants: [], corrections: new Map<string, string>() };
  const params = new Params();
  const text = textSql(ctx, expansion.variants, params);
  const where = [`p.visibility = ANY(${params.add(query.visibilities)}::text[])`, ...query.filters.map((f) => filterSql(f, params)), text.match].join(" AND ");
  const order = orderSql(query, params, ctx.nameCollation);
  const sql = `
    WITH ${text.cte} matched AS (
      SELECT p.id, p.position, p.name, p.price, p.facet_keys, p.doc, p.name_key, p.sku_keys, ${text.coverage} AS coverage, ${text.rank} AS rank
      FROM ${ctx.s}.products p${text.from} WHERE ${where}
    ), answer AS (SELECT * FROM matched WHERE ${text.answer}),
    step AS MATERIALIZED (SELECT CASE WHEN max(price) >= 10 THEN power(10, floor(log(max(price)))) ELSE 10 END AS step FROM answer)
    SELECT (SELECT count(*) FROM answer)::int AS total,
      (SELECT coalesce(json_agg(doc ORDER BY n), '[]') FROM (
        SELECT doc, row_number() OVER (ORDER BY ${order}) AS n FROM answer ORDER BY ${order} LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}) AS page) AS items,
      ${query.facets ? FACETS_SQL : "NULL AS facets, NULL AS prices"}`;
  const { rows } = await ctx.pool.query(sql, params.values);
  const row = rows[0] as { total: number; items: EngineResult["items"]; facets: Record<string, string | number> | null; prices: [number, number, number][] | null };
  const prices = (row.prices ?? []).map(([from, count, step]) => ({ from, to: from + step, count: Number(count) }));
  return {
    total: row.total,
    items: row.items,
    ...(query.facets ? { facets: readFacetKeys(Object.entries(row.facets ?? {}).map(([k, c]) => [k, Number(c)]), prices) } : {}),
    corrections: expansion.corrections,
  };
}
