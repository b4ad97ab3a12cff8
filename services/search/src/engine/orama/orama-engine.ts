// The embedded default engine: Orama in this process. Fast and simple; each replica holds its own
// copy, built at start-up and kept fresh by the purge events every replica receives.
import { count } from "@orama/orama";
import type { RelevanceConfig } from "../../config/relevance-config.ts";
import type { CatalogMeta } from "../../catalog/catalog-meta.ts";
import type { ProductDocument } from "../../catalog/product-document.ts";
import type { TextAnalyzer } from "../../text/analyzer.ts";
import type { SearchEngine } from "../engine.ts";
import { createVocabulary } from "../vocabulary.ts";
import { createOramaDb, getRecord, insertDocuments, removeDocuments, upsertDocuments, type OramaDb } from "./orama-index.ts";
import { searchOrama } from "./orama-search.ts";

export interface OramaEngineOptions {
  relevance: RelevanceConfig;
  analyzer: TextAnalyzer;
}

export function createOramaEngine(options: OramaEngineOptions): SearchEngine {
  const { relevance, analyzer } = options;
  let vocabulary = createVocabulary();
  let db: OramaDb = createOramaDb(relevance.stopWords);
  let savedMeta: CatalogMeta | undefined;
  const indexOptions = (into = vocabulary) => ({ analyzer, searchableAttributes: relevance.searchableAttributes, vocabulary: into });
  const context = () => ({ db, boost: relevance.weights, typo: relevance.typoTolerance, vocabulary });

  return {
    name: "orama",
    shared: false,
    async replaceAll(documents, meta) {
      // Built aside and swapped in, so searches meanwhile see the old index whole.
      const next = createOramaDb(relevance.stopWords);
      const nextVocabulary = createVocabulary();
      await insertDocuments(next, documents, meta, indexOptions(nextVocabulary));
      db = next;
      vocabulary = nextVocabulary;
      savedMeta = meta;
    },
    async upsert(documents, meta) {
      await upsertDocuments(db, documents, meta, indexOptions());
      savedMeta = meta;
    },
    remove: (ids) => removeDocuments(db, ids),
    meta: async () => savedMeta,
    get: async (ids) => ids.flatMap((id) => {
      const record = getRecord(db, id);
      return record ? [record.doc as ProductDocument] : [];
    }),
    count: async () => count(db),
    search: (query) => searchOrama(context(), query),
    close: async () => {},
  };
}
