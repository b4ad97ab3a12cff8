// @strangler/search-service: catalog search out of Magento. It answers Magento 2.4.8's own
// `products(search:, filter:, sort:, pageSize:, currentPage:)` query (items, total_count, page_info,
// aggregations, sort_fields, suggestions) from an index of its own, so no client changes.
// Flow: catalog read through @strangler/adapters → ProductDocuments → an engine (Orama in process,
// or PostgreSQL full-text) → GraphQL executed against the real 2.4.8 schema. Purges published on
// Redis (`strangler:purge`) re-read the changed products within seconds. What it answers is data
// (graphql/supported-fields.ts): the proxy's router sends only operations wholly inside it.
export { createSearchService } from "./service.ts";
export type { SearchService, SearchServiceOptions } from "./service.ts";
export { startSearchServer } from "./http/server.ts";
export type { SearchServer } from "./http/server.ts";
export { createEngine } from "./engine/create-engine.ts";
export type { EngineChoice } from "./engine/create-engine.ts";
export { createOramaEngine } from "./engine/orama/orama-engine.ts";
export { createPostgresEngine } from "./engine/postgres/postgres-engine.ts";
export type { SearchEngine, EngineQuery, EngineResult } from "./engine/engine.ts";
export { loadRelevanceConfig, parseRelevanceConfig, DEFAULT_RELEVANCE_FILE } from "./config/relevance-config.ts";
export type { RelevanceConfig, RelevanceOptions } from "./config/relevance-config.ts";
export { createTextAnalyzer } from "./text/analyzer.ts";
export { findUnsupported } from "./graphql/check-operation.ts";
export type { CheckOptions } from "./graphql/check-operation.ts";
export {
  describeSupport, listSupportedPaths, PRODUCT_FIELDS, PRODUCTS_FIELDS, SUPPORTED_ARGUMENTS, SUPPORTED_FILTERS, SUPPORTED_REQUEST, SUPPORTED_ROOT_FIELDS,
} from "./graphql/supported-fields.ts";
export type { SelectionSpec } from "./graphql/supported-fields.ts";
export { DEFAULT_PURGE_CHANNEL } from "./indexing/purge-subscriber.ts";
export {
  SearchServiceError, SearchConfigError, UnsupportedOperationError, SearchInputError, EngineError, CatalogSourceError, IndexNotReadyError,
} from "./errors.ts";
export type { SearchErrorCode } from "./errors.ts";
