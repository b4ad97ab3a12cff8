// One query against the Orama database. Text: each word is searched on its own (BM25 over the
// weighted fields, stemmed, prefix; typo tolerant when it matches nothing as typed), so "every word
// must match" holds across fields (Orama's own threshold counts matches per field, and per matched
// term rather than per word); the per-word scores add up. Then one filter-only search over the
// matched ids sorts, pages and counts the facets.
import { count, search, type Results, type SearchParams } from "@orama/orama";
import type { DocFilter, EngineQuery, EngineResult } from "../engine.ts";
import { readFacetKeys } from "../engine.ts";
import { bucketsFromPriceKeys } from "../price-buckets.ts";
import { compareBy, TEXT_FIELDS, type TextField } from "../search-fields.ts";
import { allowedEdits, type TypoRules, type Vocabulary } from "../vocabulary.ts";
import type { OramaDb, OramaRecord } from "./orama-index.ts";

export interface OramaSearchContext {
  db: OramaDb;
  boost: Record<TextField, number>;
  typo: TypoRules;
  vocabulary: Vocabulary;
}

type Where = NonNullable<SearchParams<OramaDb>["where"]>;
interface Match { score: number; words: number }

function filterCondition(filter: DocFilter): Where {
  switch (filter.kind) {
    case "sku": return { skuExact: { in: filter.values } };
    case "urlKey": return { urlKey: { in: filter.values } };
    case "category": return { categoryIds: { containsAny: filter.ids } };
    case "attribute": return { facetKeys: { containsAny: filter.values.map((v) => `a:${filter.code}:${v}`) } };
    case "price": {
      const { from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY } = filter;
      return { price: { between: [from, to] } };
    }
  }
}

function whereOf(query: EngineQuery): Where[] {
  return [{ visibility: { in: query.visibilities } }, ...query.filters.map(filterCondition)];
}

/**
 * Each word on its own: as typed (stemmed, prefix) first. Only a word that matches nothing as typed
 * is widened, so `short` never turns into `sport`: Orama's own typo tolerance on stems, plus the
 * indexed words within the same edits (`compresion` is `compression` one edit away, though their
 * stems are not); the closest of those is its correction.
 */
async function matchWords(ctx: OramaSearchContext, words: string[], where: Where[]) {
  const matches = new Map<number, Match>();
  const corrections = new Map<string, string>();
  const base = { properties: [...TEXT_FIELDS], boost: ctx.boost, where: { and: where }, limit: count(ctx.db), threshold: 1 };
  for (const word of words) {
    const scores = new Map<number, number>();
    const collect = (found: Results<OramaRecord>) => {
      for (const hit of found.hits) scores.set(hit.document.pid, Math.max(scores.get(hit.document.pid) ?? 0, hit.score));
    };
    const asTyped = await search(ctx.db, { ...base, term: word });
    collect(asTyped as unknown as Results<OramaRecord>);
    const edits = allowedEdits(word, ctx.typo);
    if (asTyped.count === 0 && edits > 0) {
      const near = ctx.vocabulary.near(word, edits);
      if (near[0]) corrections.set(word, near[0]);
      collect(await search(ctx.db, { ...base, term: word, tolerance: edits }) as unknown as Results<OramaRecord>);
      for (const variant of near) collect(await search(ctx.db, { ...base, term: variant }) as unknown as Results<OramaRecord>);
    }
    for (const [pid, score] of scores) {
      const match = matches.get(pid) ?? { score: 0, words: 0 };
      matches.set(pid, { score: match.score + score, words: match.words + 1 });
    }
  }
  return { matches, corrections };
}

/** Every word matched, or else the best partial matches: the ids a text query answers with. */
function answerIds(matches: Map<number, Match>, wordCount: number): number[] {
  const all = [...matches].filter(([, m]) => m.words === wordCount).map(([id]) => id);
  return all.length > 0 ? all : [...matches.keys()];
}

function createComparator(query: EngineQuery, matches: Map<number, Match> | undefined) {
  const key = query.text?.key;
  const exact = (r: OramaRecord) => (key !== undefined && (r.nameKey === key || r.skuKeys.includes(key)) ? 1 : 0);
  const relevance = (a: OramaRecord, b: OramaRecord) => {
    const [ma, mb] = [matches?.get(a.pid), matches?.get(b.pid)];
    return exact(b) - exact(a) || (mb?.words ?? 0) - (ma?.words ?? 0) || (mb?.score ?? 0) - (ma?.score ?? 0);
  };
  return (a: OramaRecord, b: OramaRecord): number => {
    for (const sort of query.sort) {
      const diff = sort.field === "relevance" ? relevance(a, b) : (sort.direction === "DESC" ? -1 : 1) * compareBy(sort.field, a.doc, b.doc);
      if (diff !== 0) return diff;
    }
    return a.doc.position - b.doc.position;
  };
}

function readResults(found: Results<OramaRecord>, query: EngineQuery, corrections: Map<string, string>): EngineResult {
  const values = found.facets?.facetKeys?.values ?? {};
  const counts = Object.entries(values);
  const prices = bucketsFromPriceKeys(new Map(counts.filter(([key]) => key.startsWith("p:"))));
  return {
    total: found.count,
    items: found.hits.map((hit) => hit.document.doc),
    ...(query.facets ? { facets: readFacetKeys(counts.filter(([key]) => !key.startsWith("p:")), prices) } : {}),
    corrections,
  };
}

export async function searchOrama(ctx: OramaSearchContext, query: EngineQuery): Promise<EngineResult> {
  const where = whereOf(query);
  let matches: Map<number, Match> | undefined;
  let corrections = new Map<string, string>();
  if (query.text) {
    ({ matches, corrections } = await matchWords(ctx, query.text.words, where));
    const ids = answerIds(matches, query.text.words.length);
    if (ids.length === 0) return { total: 0, items: [], ...(query.facets ? { facets: readFacetKeys([], []) } : {}), corrections };
    where.push({ pid: { in: ids } });
  }
  const compare = createComparator(query, matches);
  const found = await search(ctx.db, {
    where: { and: where },
    sortBy: (a, b) => compare(a[2] as unknown as OramaRecord, b[2] as unknown as OramaRecord),
    limit: query.limit, offset: query.offset,
    ...(query.facets ? { facets: { facetKeys: {} } } : {}),
  });
  return readResults(found as unknown as Results<OramaRecord>, query, corrections);
}
