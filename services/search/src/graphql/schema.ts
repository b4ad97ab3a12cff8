// Magento 2.4.8's schema, from Adobe's published introspection the sandbox carries in the repository.
import { readFileSync } from "node:fs";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { GRAPHQL_SCHEMA_FILE } from "@strangler/magento-sandbox/data-files";

let cached: GraphQLSchema | undefined;

/** Built once per process. */
export function loadMagentoSchema(): GraphQLSchema {
  if (cached) return cached;
  const introspection = JSON.parse(readFileSync(GRAPHQL_SCHEMA_FILE, "utf8")) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  cached = buildClientSchema(introspection.data ?? (introspection as IntrospectionQuery), { assumeValid: true });
  return cached;
}
