import { describe, expect, it } from "vitest";
import { parseFrontendConfig } from "../../lib/config.ts";
import { FrontendConfigError } from "../../lib/errors.ts";

const minimal = { MAGENTO_URL: "http://127.0.0.1:8081/", PUBLIC_URL: "http://127.0.0.1:8080/" };

describe("parseFrontendConfig", () => {
  it("accepts the minimal env: Magento's URL and the public one, one store", () => {
    expect(parseFrontendConfig(minimal)).toEqual({
      magentoUrl: "http://127.0.0.1:8081", publicUrl: "http://127.0.0.1:8080", storeCode: "default", storeCodes: ["default"],
      storePublicUrls: { default: "http://127.0.0.1:8080" }, nextCacheKeyPrefix: "strangler:next:", metricsHost: "127.0.0.1",
      customerGroups: ["1", "2", "3"], currencies: [],
    });
  });

  it("accepts an empty variable as unset", () => {
    expect(parseFrontendConfig({ ...minimal, REDIS_URL: "", STORE_CODES: "", STORE_PUBLIC_URLS: "" })).toEqual(parseFrontendConfig(minimal));
  });

  it("accepts every setting", () => {
    expect(parseFrontendConfig({
      MAGENTO_URL: "http://m", PUBLIC_URL: "https://shop.example/", REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: "demo:1:",
      REVALIDATE_TOKEN: "0123456789abcdef", STORE_CODE: "fr", STORE_CODES: "default, fr", STORE_PUBLIC_URLS: "fr=https://fr.shop.example/",
      METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0",
      SEARCH_URL: "https://shop.example/graphql",
      MAGENTO_CRYPT_KEY: "0123456789abcdef0123", MAGENTO_CUSTOMER_GROUPS: "1, 4", MAGENTO_CURRENCIES: "USD,EUR",
    })).toEqual({
      magentoUrl: "http://m", publicUrl: "https://shop.example", searchUrl: "https://shop.example/graphql", redisUrl: "redis://127.0.0.1:6379", redisKeyPrefix: "demo:1:", nextCacheKeyPrefix: "strangler:next:", revalidateToken: "0123456789abcdef",
      storeCode: "fr", storeCodes: ["fr", "default"], storePublicUrls: { fr: "https://fr.shop.example", default: "https://shop.example" },
      metricsPort: 9464, metricsHost: "0.0.0.0",
      cryptKey: "0123456789abcdef0123", customerGroups: ["1", "4"], currencies: ["USD", "EUR"],
    });
  });

  it.each([
    [{}, "MAGENTO_URL:"],
    [{ PUBLIC_URL: "http://p" }, "MAGENTO_URL: MAGENTO_URL must be the legacy Magento base URL"],
    [{ MAGENTO_URL: "http://m" }, "PUBLIC_URL: PUBLIC_URL is required: the shop's public URL (the proxy's), e.g. http://127.0.0.1:8080"],
    [{ MAGENTO_URL: "http://m", PUBLIC_URL: "" }, "PUBLIC_URL: PUBLIC_URL is required: the shop's public URL (the proxy's), e.g. http://127.0.0.1:8080"],
    [{ ...minimal, PUBLIC_URL: "shop" }, "PUBLIC_URL: PUBLIC_URL must be the shop's public URL (the proxy's), e.g. http://127.0.0.1:8080"],
    [{ ...minimal, SEARCH_URL: "/graphql" }, "SEARCH_URL: SEARCH_URL must be an absolute http(s) URL: the proxy's endpoint for catalog queries"],
    [{ ...minimal, REDIS_URL: "http://redis" }, 'REDIS_URL: "http://redis" is not a Redis URL: use redis://host:6379, rediss://host:6380, or redis+cluster://host1:7000,host2:7001 for a Redis Cluster'],
    [{ ...minimal, REDIS_KEY_PREFIX: "a b" }, "REDIS_KEY_PREFIX: REDIS_KEY_PREFIX may hold letters, digits and : _ . - { }"],
    [{ ...minimal, MAGENTO_CRYPT_KEY: "short" }, "MAGENTO_CRYPT_KEY: MAGENTO_CRYPT_KEY must be Magento's crypt/key (at least 16 characters)"],
    [{ ...minimal, MAGENTO_CURRENCIES: "usd" }, "MAGENTO_CURRENCIES.0: MAGENTO_CURRENCIES must be ISO 4217 codes like USD,EUR"],
    [{ ...minimal, MAGENTO_CUSTOMER_GROUPS: "0" }, "MAGENTO_CUSTOMER_GROUPS.0: MAGENTO_CUSTOMER_GROUPS must be customer group ids like 1,2,3"],
    [{ ...minimal, REVALIDATE_TOKEN: "short" }, "REVALIDATE_TOKEN: REVALIDATE_TOKEN must be at least 16 characters"],
    [{ ...minimal, STORE_CODE: "Bad Store" }, "STORE_CODE: STORE_CODE must be a Magento store code like `default`"],
    [{ ...minimal, STORE_CODES: "default,../x" }, "STORE_CODES.1: STORE_CODES must be a Magento store code like `default`"],
    [{ ...minimal, STORE_PUBLIC_URLS: "fr" }, 'STORE_PUBLIC_URLS: STORE_PUBLIC_URLS must be store=URL pairs like fr=https://fr.shop.example (got "fr")'],
    [{ ...minimal, STORE_PUBLIC_URLS: "fr=https://fr.shop.example" }, "STORE_PUBLIC_URLS: fr is not in STORE_CODES (default)"],
    [{ ...minimal, METRICS_PORT: "99999" }, "METRICS_PORT: METRICS_PORT must be a port number from 1 to 65535"],
  ])("rejects %j naming the variable", (env, message) => {
    expect(() => parseFrontendConfig(env)).toThrow(FrontendConfigError);
    expect(() => parseFrontendConfig(env)).toThrow(`Invalid new-frontend environment: ${message}`);
  });
});
