/**
 * The Magento artifacts the sandbox and the tests read. They live in the repository
 * (magento-sandbox/data/, origins, versions and licences in data/SOURCES.md) and are found from
 * this file, so a clone runs wherever it is, with nothing beside it.
 */
import { fileURLToPath } from "node:url";

const dataDir = new URL("../data/", import.meta.url);

/** magento-sandbox/data/ */
export const MAGENTO_DATA_DIR = fileURLToPath(dataDir);

/** The Luma sample-data CSVs (magento/magento2-sample-data fixtures) the catalog and commerce load. */
export const SAMPLE_DATA_DIR = fileURLToPath(new URL("sample-data/", dataDir));

/** Adobe's published introspection of Magento 2.4.8 (Adobe Commerce + B2B). */
export const GRAPHQL_SCHEMA_FILE = fileURLToPath(new URL("graphql/schema_2-4-8.json", dataDir));

/** Magento 2.4.8's REST Swagger 2.0, the admin file (a superset of the guest and customer ones). */
export const REST_SCHEMA_FILE = fileURLToPath(new URL("rest/admin-schema-2.4.8.yaml", dataDir));
