// The process's environment: defaults, empty values as unset, and every bad variable named.
import { describe, expect, it } from "vitest";
import { DEFAULT_RELEVANCE_FILE } from "../../src/config/relevance-config.ts";
import { loadServiceEnv } from "../../src/config/service-env.ts";

const MAGENTO_URL = "http://127.0.0.1:8081";

describe("loadServiceEnv", () => {
  it("accepts MAGENTO_URL alone, with the defaults", () => {
    expect(loadServiceEnv({ MAGENTO_URL })).toEqual({
      magentoUrl: MAGENTO_URL, port: 8090, host: "127.0.0.1", engine: "orama", databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres",
      pgSchema: "strangler_search", purgeChannel: "strangler:purge", configFile: DEFAULT_RELEVANCE_FILE, store: "default",
    });
  });

  it("accepts empty variables as unset", () => {
    expect(loadServiceEnv({ MAGENTO_URL, SEARCH_PORT: "", SEARCH_ENGINE: "", REDIS_URL: "" })).toMatchObject({ port: 8090, engine: "orama" });
  });

  it("accepts the PostgreSQL engine and a Redis for purges", () => {
    expect(loadServiceEnv({ MAGENTO_URL, SEARCH_ENGINE: "postgres", REDIS_URL: "redis://127.0.0.1:6379", SEARCH_PG_SCHEMA: "search_2" }))
      .toMatchObject({ engine: "postgres", redisUrl: "redis://127.0.0.1:6379", pgSchema: "search_2" });
  });

  it.each([
    ["no MAGENTO_URL", {}, "Invalid environment: MAGENTO_URL: must be Magento's base URL, e.g. http://127.0.0.1:8081"],
    ["an unknown engine", { MAGENTO_URL, SEARCH_ENGINE: "solr" }, "Invalid environment: SEARCH_ENGINE: must be orama or postgres"],
    ["a port out of range", { MAGENTO_URL, SEARCH_PORT: "70000" }, "Invalid environment: SEARCH_PORT: Too big: expected number to be <=65535"],
    ["a Redis URL without its scheme", { MAGENTO_URL, REDIS_URL: "127.0.0.1:6379" }, "Invalid environment: REDIS_URL: must start with redis:// or rediss://"],
    ["a schema name with a dash", { MAGENTO_URL, SEARCH_PG_SCHEMA: "my-search" }, "Invalid environment: SEARCH_PG_SCHEMA: must be a schema name (lower-case letters, digits, _)"],
  ])("rejects %s", (_case, env, message) => {
    expect(() => loadServiceEnv(env)).toThrow(message);
  });
});
