// @strangler/adapters: Magento data for the new side, typed and cached.
// Callers get domain types only (no Magento names). Flow per read: build a cache key from
// (resource, args, store, currency, customer group) → cache-aside with stale-while-revalidate and
// single flight (in-process, and across processes through a Redis lock) → on a miss, one GraphQL
// call (GET, so Magento/Varnish can cache it too) → zod-checked reshape into domain types, tagged
// with Magento's cache tags so a purge (see purge/) drops exactly what depends on a change.
// Cart, customer and order calls are never cached.
export type * from "./domain/index.ts";
export type { Adapters, PurgeScope } from "./adapters.ts";
export type { AdaptersOptions, CacheTtls } from "./config.ts";
export type { AdapterLogger, AdapterMetrics } from "./observability.ts";
export { createCounterMetrics } from "./observability.ts";
export { createRevalidateNotifier } from "./revalidate-notifier.ts";
export type { RevalidateNotifier, RevalidateNotifierOptions } from "./revalidate-notifier.ts";
export type { CacheStore, CacheEntry, PurgeOutcome } from "./cache/cache-store.ts";
export { createAdapters } from "./create-adapters.ts";
export { createPurgeHandler } from "./purge/handler.ts";
export type { PurgeHandler, PurgeHandlerOptions } from "./purge/handler.ts";
export { startPurgeServer } from "./purge/server.ts";
export type { PurgeServer } from "./purge/server.ts";
export { parseTagsPattern } from "./purge/tags-pattern.ts";
export { loadPurgeEnv, parsePurgeOptions, LOOPBACK_ADDRESSES } from "./purge/config.ts";
export type { PurgeConfig, PurgeOptions } from "./purge/config.ts";
export type { OnPurged, PurgeTarget } from "./purge/purge-runner.ts";
export { createPurgePublisher, DEFAULT_PURGE_CHANNEL } from "./purge/publisher.ts";
export type { PurgePublisher, PurgePublisherOptions } from "./purge/publisher.ts";
export {
  AdapterError,
  AdapterConfigError,
  CacheUnavailableError,
  InvalidArgumentError,
  PurgeRefusedError,
  MagentoInputError,
  MagentoShapeError,
  MagentoTimeoutError,
  MagentoUnavailableError,
} from "./errors.ts";
export type { AdapterErrorCode } from "./errors.ts";
