// Wires config → Magento clients → cache → areas. The only place that decides which CacheStore
// to use: a given one, Redis when redisUrl is set, else an in-memory LRU.
import type { Adapters, PurgeScope } from "./adapters.ts";
import { parseAdaptersOptions } from "./config.ts";
import type { AdaptersConfig, AdaptersOptions } from "./config.ts";
import { createCache } from "./cache/cache.ts";
import type { CacheStore } from "./cache/cache-store.ts";
import { createMemoryStore } from "./cache/memory-store.ts";
import { createRedisStore } from "./cache/redis-store.ts";
import { createMagentoGraphql } from "./magento/graphql-client.ts";
import { createMagentoRest } from "./magento/rest-client.ts";
import { createMagentoStorefront } from "./magento/storefront-client.ts";
import { consoleLogger, createCounterMetrics } from "./observability.ts";
import type { AdapterLogger, AdapterMetrics } from "./observability.ts";
import { createProductsArea } from "./products.ts";
import { createCategoriesArea } from "./categories.ts";
import { createListingsArea } from "./listings.ts";
import { createCmsArea } from "./cms.ts";
import { createUrlsArea } from "./urls.ts";
import { createStoreConfigArea } from "./store-config.ts";
import { createCartArea } from "./cart.ts";
import { createCustomerArea } from "./customer.ts";
import { createOrdersArea } from "./orders.ts";
import { createThemeArea } from "./theme.ts";
import type { AreaDeps } from "./read-through.ts";

function chooseStore(config: AdaptersConfig, options: AdaptersOptions, logger: AdapterLogger, metrics: AdapterMetrics): CacheStore {
  if (options.cacheStore) return options.cacheStore;
  if (config.redisUrl) return createRedisStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger, metrics });
  return createMemoryStore({ maxEntries: config.memoryMaxEntries });
}

export function createAdapters(options: AdaptersOptions): Adapters {
  const config = parseAdaptersOptions(options);
  const logger = options.logger ?? consoleLogger;
  const metrics = options.metrics ?? createCounterMetrics();
  const store = config.cache ? chooseStore(config, options, logger, metrics) : undefined;
  const cache = store ? createCache({ store, logger, metrics }) : undefined;
  const graphql = createMagentoGraphql({ graphqlUrl: config.graphqlUrl, store: config.store, timeoutMs: config.timeoutMs, onCall: options.onMagentoCall });
  const deps: AreaDeps = {
    config,
    logger,
    metrics,
    graphql,
    searchGraphql: config.searchUrl === config.graphqlUrl ? graphql
      : createMagentoGraphql({ graphqlUrl: config.searchUrl, store: config.store, timeoutMs: config.timeoutMs, onCall: options.onMagentoCall }),
    rest: createMagentoRest({ restUrl: config.restUrl, store: config.store, timeoutMs: config.timeoutMs, onCall: options.onMagentoCall }),
    storefront: createMagentoStorefront({ magentoUrl: config.magentoUrl, store: config.store, timeoutMs: config.timeoutMs, onCall: options.onMagentoCall }),
    cache,
  };
  return {
    ...createProductsArea(deps),
    ...createCategoriesArea(deps),
    ...createListingsArea(deps),
    ...createCmsArea(deps),
    ...createUrlsArea(deps),
    ...createStoreConfigArea(deps),
    ...createCartArea(deps),
    ...createCustomerArea(deps),
    ...createOrdersArea(deps),
    ...createThemeArea(deps),
    purge: async (tags: string[]) => (cache ? (await cache.purge(tags)).dropped : 0),
    purgeAll: async () => (cache ? (await cache.purgeAll()).dropped : 0),
    purgeWithin: async (scope: PurgeScope, deadline: number) => {
      if (!cache) return { dropped: 0, complete: true };
      return scope.all ? cache.purgeAll(deadline) : cache.purge(scope.tags, deadline);
    },
    ready: async (timeoutMs?: number) => (store ? store.ready(timeoutMs) : true),
    // A store passed in by the caller is the caller's to close.
    close: async () => (store && store !== options.cacheStore ? store.close() : undefined),
  };
}
