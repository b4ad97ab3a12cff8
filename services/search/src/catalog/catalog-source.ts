// Reads the catalog through the adapters' public API, never Magento's database: the store config,
// the category tree, one listing of every product (its facets give the attributes in layered
// navigation order) and, per product, its detail plus a listing and a search holding only it (their
// facets give its attribute values and categories; which of the two finds it gives its visibility).
import pLimit from "p-limit";
import type { Adapters, CategoryTree, ProductListing, SearchResult, StoreConfig } from "@strangler/adapters";
import { CatalogSourceError } from "../errors.ts";
import type { Visibility } from "../config/relevance-config.ts";
import { categoriesFromTree, decodeUid, learnFacets, type CatalogMeta } from "./catalog-meta.ts";
import { buildProductDocument, type ProductDocument } from "./product-document.ts";

export interface CatalogEntry {
  id: number;
  sku: string;
  position: number;
}

export interface CatalogSource {
  /** The meta and every product a catalog listing shows, in Magento's position order. */
  readCatalog(): Promise<{ meta: CatalogMeta; entries: CatalogEntry[] }>;
  /** One product as the index holds it; `undefined` when Magento no longer shows it. Learns new facet values into `meta`. */
  readProduct(entry: CatalogEntry, meta: CatalogMeta): Promise<ProductDocument | undefined>;
  /** Many products, a few calls at a time. */
  readProducts(entries: CatalogEntry[], meta: CatalogMeta): Promise<{ documents: ProductDocument[]; gone: CatalogEntry[] }>;
}

export interface CatalogSourceOptions {
  /** Calls to Magento in flight at once while reading many products. Default 4. */
  concurrency?: number;
  /** Aborted when the service closes: reads not yet started are dropped, so a build in progress ends within the calls in flight. */
  signal?: AbortSignal;
}

/** Magento's products query wants a filter; every product has a price of 0 or more. */
const EVERY_PRODUCT = { price: { from: "0" } };
const PAGE_SIZE = 300;

function fail(what: string, error: unknown): never {
  throw new CatalogSourceError(`Could not read ${what} through the adapters: ${(error as Error).message}`, { cause: error });
}

export function createCatalogSource(adapters: Adapters, options: CatalogSourceOptions = {}): CatalogSource {
  const limit = pLimit(options.concurrency ?? 4);

  async function listEverything(): Promise<ProductListing[]> {
    const first = await adapters.listProducts({ filters: EVERY_PRODUCT, pageSize: PAGE_SIZE, page: 1 });
    const rest = await Promise.all(Array.from({ length: Math.max(0, first.pages - 1) }, (_, i) =>
      adapters.listProducts({ filters: EVERY_PRODUCT, pageSize: PAGE_SIZE, page: i + 2 })));
    return [first, ...rest];
  }

  async function readCatalog(): Promise<{ meta: CatalogMeta; entries: CatalogEntry[] }> {
    options.signal?.throwIfAborted();
    let answers: [StoreConfig, CategoryTree[], ProductListing[]];
    try {
      answers = await untilAborted(Promise.all([adapters.getStoreConfig(), adapters.getCategoryTree(), listEverything()]), options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return fail("the catalog", error);
    }
    try {
      const [store, tree, pages] = answers;
      const rootCategoryId = decodeUid(store.rootCategoryUid);
      const meta: CatalogMeta = {
        currency: store.baseCurrency, productUrlSuffix: store.productUrlSuffix, rootCategoryId,
        attributes: [], categories: categoriesFromTree(tree, rootCategoryId),
      };
      learnFacets(meta, pages[0]?.facets ?? []);
      const entries = pages.flatMap((page) => page.items).map((item, position) => ({ id: item.id, sku: item.sku, position }));
      return { meta, entries };
    } catch (error) {
      return fail("the catalog", error);
    }
  }

  async function readProduct(entry: CatalogEntry, meta: CatalogMeta): Promise<ProductDocument | undefined> {
    let answers: [Awaited<ReturnType<Adapters["getProductBySku"]>>, ProductListing, SearchResult];
    try {
      answers = await Promise.all([
        adapters.getProductBySku(entry.sku),
        adapters.listProducts({ filters: { sku: entry.sku }, pageSize: 1 }),
        adapters.searchProducts({ text: entry.sku, filters: { sku: entry.sku }, pageSize: 1 }),
      ]);
    } catch (error) {
      return fail(`product ${entry.sku}`, error);
    }
    const [detail, listed, searched] = answers;
    const inCatalog = listed.items.find((item) => item.sku === entry.sku);
    const inSearch = searched.items.find((item) => item.sku === entry.sku);
    const summary = inCatalog ?? inSearch;
    if (!summary) return undefined;
    const visibility: Visibility = inCatalog && inSearch ? "both" : inCatalog ? "catalog" : "search";
    const facets = inCatalog ? listed.facets : searched.facets;
    learnFacets(meta, facets);
    return buildProductDocument({ summary, detail, facets, visibility, position: entry.position }, meta);
  }

  async function readProducts(entries: CatalogEntry[], meta: CatalogMeta) {
    const read = await untilAborted(Promise.all(entries.map((entry) => limit(async () => {
      options.signal?.throwIfAborted();
      return { entry, document: await readProduct(entry, meta) };
    }))), options.signal);
    return {
      documents: read.flatMap(({ document }) => (document ? [document] : [])),
      gone: read.flatMap(({ entry, document }) => (document ? [] : [entry])),
    };
  }

  return { readCatalog, readProduct, readProducts };
}

/**
 * The promise, or a rejection as soon as the signal aborts: a close does not wait for the calls in
 * flight (a hung Magento holds each for the adapters' timeout); their answers are dropped.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
