/** Magento 2.4.8 GraphQL for the sandbox: the real schema, resolvers over the catalog and commerce state. */
export { createGraphQlRouter, MAX_BODY_BYTES, type GraphQlRouterOptions } from "./router.ts";
export { loadMagentoSchema, DEFAULT_SCHEMA_FILE } from "./schema.ts";
export { MAX_QUERY_COMPLEXITY, MAX_QUERY_DEPTH } from "./limits.ts";
