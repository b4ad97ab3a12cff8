import { readFileSync } from "node:fs";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { SandboxError } from "../errors.ts";
import { GRAPHQL_SCHEMA_FILE } from "../data-files.ts";

/** Adobe's published introspection of Magento 2.4.8 (Adobe Commerce + B2B), in the repository. */
export const DEFAULT_SCHEMA_FILE = GRAPHQL_SCHEMA_FILE;

const cache = new Map<string, GraphQLSchema>();

/** Builds the executable schema from the introspection JSON, once per file and process. */
export function loadMagentoSchema(file: string = DEFAULT_SCHEMA_FILE): GraphQLSchema {
  const cached = cache.get(file);
  if (cached) return cached;
  let introspection: { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  try {
    introspection = JSON.parse(readFileSync(file, "utf8")) as typeof introspection;
  } catch (error) {
    throw new SandboxError("SCHEMA", `Cannot read the Magento GraphQL introspection ${file}`, { cause: error });
  }
  const schema = buildClientSchema(introspection.data ?? (introspection as IntrospectionQuery), { assumeValid: true });
  cache.set(file, schema);
  return schema;
}
