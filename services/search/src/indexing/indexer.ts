// Builds the index from the catalog source and keeps it fresh from purges. Work runs one job at a
// time (a build and a refresh never interleave); purges arriving meanwhile are merged into the next
// refresh, so a burst of saves costs one pass. A product a purge names is read again through the
// adapters and upserted, or removed when Magento no longer shows it; an id the index does not know
// (a new product, or a variant) makes it list the catalog again to find new products.
import type { CatalogEntry, CatalogSource } from "../catalog/catalog-source.ts";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import type { SearchEngine } from "../engine/engine.ts";
import { mergeScopes, readPurgeTags, type PurgeScope } from "./purge-tags.ts";

export interface IndexerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface Indexer {
  /** The meta of the built index; undefined until the first build or adoption. */
  meta(): CatalogMeta | undefined;
  /** Builds the whole index (or, for a shared index that exists, adopts it when `ifEmpty`). */
  build(options?: { ifEmpty?: boolean }): Promise<void>;
  /** Applies one purge (Magento's tags; `all` for a full flush). Resolves once applied. */
  applyPurge(tags: string[], all: boolean): Promise<void>;
  /** Resolves when no job is queued or running. */
  idle(): Promise<void>;
}

export function createIndexer(source: CatalogSource, engine: SearchEngine, logger: IndexerLogger): Indexer {
  let meta: CatalogMeta | undefined;
  let queue: Promise<void> = Promise.resolve();
  let pending: { scope: PurgeScope; done: Promise<void> } | undefined;

  const enqueue = (job: () => Promise<void>): Promise<void> => {
    const run = queue.then(job);
    queue = run.catch(() => {});
    return run;
  };

  async function buildNow(ifEmpty: boolean): Promise<void> {
    const saved = ifEmpty && engine.shared ? await engine.meta() : undefined;
    if (saved && (await engine.count()) > 0) {
      meta = saved;
      logger.info("adopted the shared index", { engine: engine.name, products: await engine.count() });
      return;
    }
    const started = Date.now();
    const catalog = await source.readCatalog();
    const { documents } = await source.readProducts(catalog.entries, catalog.meta);
    await engine.replaceAll(documents, catalog.meta);
    meta = catalog.meta;
    logger.info("built the index", { engine: engine.name, products: documents.length, ms: Date.now() - started });
  }

  async function entriesFor(scope: PurgeScope, current: CatalogMeta): Promise<{ entries: CatalogEntry[]; meta: CatalogMeta }> {
    const known = await engine.get(scope.productIds);
    const entries: CatalogEntry[] = known.map((doc) => ({ id: doc.id, sku: doc.sku, position: doc.position }));
    const unknown = scope.productIds.filter((id) => !known.some((doc) => doc.id === id));
    if (unknown.length === 0 && scope.categoryIds.length === 0) return { entries, meta: current };
    const catalog = await source.readCatalog();
    const listed = catalog.entries.filter((entry) => unknown.includes(entry.id));
    const inCategories = scope.categoryIds.length === 0 ? [] : (await engine.search({
      filters: [{ kind: "category", ids: scope.categoryIds }], visibilities: ["catalog", "search", "both"], sort: [{ field: "position", direction: "ASC" }], offset: 0, limit: 100_000, facets: false,
    })).items.map((doc) => ({ id: doc.id, sku: doc.sku, position: doc.position }));
    return { entries: [...entries, ...listed, ...inCategories], meta: catalog.meta };
  }

  async function refreshNow(scope: PurgeScope): Promise<void> {
    if (scope.all || !meta) return buildNow(false);
    const started = Date.now();
    const { entries, meta: next } = await entriesFor(scope, meta);
    const { documents, gone } = await source.readProducts(entries, next);
    if (documents.length > 0) await engine.upsert(documents, next);
    if (gone.length > 0) await engine.remove(gone.map((entry) => entry.id));
    meta = next;
    logger.info("refreshed products from a purge", { updated: documents.length, removed: gone.length, ms: Date.now() - started });
  }

  return {
    meta: () => meta,
    build: (options = {}) => enqueue(() => buildNow(options.ifEmpty === true)),
    applyPurge(tags, all) {
      const scope = readPurgeTags(tags, all);
      if (!scope.all && scope.productIds.length === 0 && scope.categoryIds.length === 0) return Promise.resolve();
      if (pending) {
        pending.scope = mergeScopes(pending.scope, scope);
        return pending.done;
      }
      const waiting = { scope, done: Promise.resolve() };
      waiting.done = enqueue(() => {
        pending = undefined;
        return refreshNow(waiting.scope);
      });
      pending = waiting;
      return waiting.done;
    },
    idle: async () => {
      for (let seen: Promise<void> | undefined; seen !== queue;) {
        seen = queue;
        await seen;
      }
    },
  };
}
