// @strangler/adapters: Magento data for the new side, typed and cached.
// Callers get domain types only (no Magento names). Flow per read: build a cache key from
// (resource, args, store, currency, customer group) → cache-aside with stale-while-revalidate and
// single flight (in-process, and across processes through a Redis lock) → on a miss, one GraphQL
// call (GET, so Magento/Varnish can cache it too) → zod-checked reshape into domain types, tagged
// with Magento's cache tags so a purge (see purge.ts) drops exactly what depends on a change.
// Cart, customer and order calls are never cached.
export type * from "./domain/index.ts";
export type { Adapters } from "./adapters.ts";
export type { AdaptersOptions, CacheTtls } from "./config.ts";
export type { AdapterLogger, AdapterMetrics } from "./observability.ts";
export { createCounterMetrics } from "./observability.ts";
export { createRevalidateNotifier } from "./revalidate-notifier.ts";
export type { RevalidateNotifierOptions } from "./revalidate-notifier.ts";
export type { CacheStore, CacheEntry } from "./cache/cache-store.ts";
export { createAdapters } from "./create-adapters.ts";
export { createPurgeHandler, startPurgeServer, parseTagsPattern } from "./purge.ts";
export type { PurgeHandler, PurgeHandlerOptions, PurgeServer, PurgeTarget, ParsedPattern } from "./purge.ts";
export {
  AdapterError,
  AdapterConfigError,
  CacheUnavailableError,
  InvalidArgumentError,
  MagentoInputError,
  MagentoShapeError,
  MagentoTimeoutError,
  MagentoUnavailableError,
} from "./errors.ts";
export type { AdapterErrorCode } from "./errors.ts";
