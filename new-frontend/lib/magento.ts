// The single door from the new frontend to Magento: every page reads Magento data through these
// functions, which call @strangler/adapters (typed, cached, purged by Magento's cache tags). Server only.
import "server-only";
import { cache } from "react";
import { unstable_cache } from "next/cache";
import { createAdapters, MagentoInputError } from "@strangler/adapters";
import type { Adapters, CategoryTree, ListingQuery, ProductListing, RequestContext, SearchResult, StoreConfig, Stylesheet } from "@strangler/adapters";
import { getFrontendConfig } from "./config.ts";
import { getFrontendMetrics } from "./metrics.ts";
import { mapResolution, type PageTarget } from "./page-target.ts";
import { navigationTag, themeTag } from "./cache-tags.ts";
import { currentShopper, currentStoreView } from "./store-view.ts";

// One Adapters (one cache) per process. Next bundles each route separately, so a module-level variable
// would give the pages and /api/revalidate different caches; the process global is shared by all routes.
const holder = globalThis as typeof globalThis & { stranglerAdapters?: Adapters };

function getAdapters(): Adapters {
  const config = getFrontendConfig();
  holder.stranglerAdapters ??= createAdapters({
    magentoUrl: config.magentoUrl, store: config.storeCode, metrics: getFrontendMetrics().adapters,
    // Searches through the proxy's GraphQL routing (catalog-search plan), when configured.
    ...(config.searchUrl ? { searchUrl: config.searchUrl } : {}),
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), ...(config.redisKeyPrefix ? { redisKeyPrefix: config.redisKeyPrefix } : {}),
  });
  return holder.stranglerAdapters;
}

/**
 * The render's store view, currency and customer group (README "Store views, currency and customer group"):
 * a guest page in the display currency sends neither; a switched currency goes as Content-Currency; a
 * signed-in group's page is rendered per request with the shopper's Magento session, so Magento prices
 * it for that group, and the adapters cache it under that group only.
 */
function getContext(): RequestContext {
  const shopper = currentShopper();
  return {
    store: currentStoreView().code, customerGroup: shopper.customerGroup,
    ...(shopper.currency ? { currency: shopper.currency } : {}),
    ...(shopper.customerSession && shopper.customerGroup !== "0" ? { customerSession: shopper.customerSession } : {}),
  };
}

/** For what Magento does not price (config, menu, theme, URLs, CMS): one entry per store, shared by all shoppers. */
function getStoreContext(store: string = currentStoreView().code): RequestContext {
  return { store, customerGroup: "0" };
}

/** `next build` prerenders the 404 shell with the layout: it must not need Magento. */
function isBuilding(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

/**
 * Attaches Magento cache tags to the page being rendered, so `revalidateTag` from /api/revalidate
 * re-renders exactly the pages built from a purged entity. The data itself lives in the adapters'
 * cache (purged by the same tags); this only records the dependency.
 */
export async function tagRender(tags: string[]): Promise<void> {
  const unique = [...new Set(tags)].slice(0, 120);
  if (unique.length === 0 || isBuilding()) return;
  await unstable_cache(async () => true, ["strangler-tags", ...unique], { tags: unique })();
}

/** The store's configuration; `store` only where no render scope exists (proxy.ts). */
export const getStoreConfig = cache(async (store?: string): Promise<StoreConfig | undefined> => {
  if (isBuilding()) return undefined;
  return getAdapters().getStoreConfig(getStoreContext(store));
});

export const getNavigation = cache(async (): Promise<CategoryTree[]> => {
  if (isBuilding()) return [];
  await tagRender([navigationTag]);
  return getAdapters().getCategoryTree(getStoreContext());
});

/**
 * The legacy store's theme stylesheets (read from its page head by the adapters). A failure gives none:
 * the page still renders and sells, unstyled, rather than becoming the shopper's error.
 */
export const getThemeStylesheets = cache(async (): Promise<Stylesheet[]> => {
  if (isBuilding()) return [];
  await tagRender([themeTag]);
  return getAdapters().getThemeStylesheets(getStoreContext()).catch((error: unknown) => {
    console.error("theme stylesheets unavailable", error);
    return [];
  });
});

/** What a path is in Magento (product, category, CMS page, redirect) or not-found; `store` as in getStoreConfig. */
export const resolvePage = cache(async (path: string, store?: string): Promise<PageTarget> => {
  const resolution = await getAdapters().resolveUrl(path, getStoreContext(store));
  const suffix = (await getStoreConfig(store))?.productUrlSuffix ?? ".html";
  return mapResolution(resolution, suffix);
});

export const getProduct = cache(async (urlKey: string) => getAdapters().getProductByUrlKey(urlKey, getContext()));

export const getCategory = cache(async (urlPath: string) => getAdapters().getCategoryByUrlPath(urlPath, getContext()));

export const getCmsPage = cache(async (identifier: string) => getAdapters().getCmsPage(identifier, getStoreContext()));

/** A listing page; a page number past the end (Magento refuses it) shows the first page instead. */
export async function listProducts(query: ListingQuery): Promise<ProductListing> {
  try {
    return await getAdapters().listProducts(query, getContext());
  } catch (error) {
    if (!(error instanceof MagentoInputError) || (query.page ?? 1) === 1) throw error;
    return getAdapters().listProducts({ ...query, page: 1 }, getContext());
  }
}

export async function searchProducts(query: Parameters<Adapters["searchProducts"]>[0]): Promise<SearchResult> {
  try {
    return await getAdapters().searchProducts(query, getContext());
  } catch (error) {
    if (!(error instanceof MagentoInputError) || (query.page ?? 1) === 1) throw error;
    return getAdapters().searchProducts({ ...query, page: 1 }, getContext());
  }
}

/** Drops the adapters' cached entries for these tags (this process's LRU; Redis is shared anyway). */
export async function purgeAdapterCache(tags: string[]): Promise<number> {
  return getAdapters().purge(tags);
}

export async function purgeAllAdapterCache(): Promise<number> {
  return getAdapters().purgeAll();
}
