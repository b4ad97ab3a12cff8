import { describe, expect, it } from "vitest";
import { parseFrontendConfig } from "../../lib/config.ts";
import { FrontendConfigError } from "../../lib/errors.ts";

describe("parseFrontendConfig", () => {
  it("accepts the minimal env and defaults the public URL to Magento's", () => {
    expect(parseFrontendConfig({ MAGENTO_URL: "http://127.0.0.1:8081/" })).toEqual({ magentoUrl: "http://127.0.0.1:8081", publicUrl: "http://127.0.0.1:8081", storeCode: "default" });
  });

  it("accepts an empty variable as unset", () => {
    expect(parseFrontendConfig({ MAGENTO_URL: "http://m", REDIS_URL: "", PUBLIC_URL: "" })).toEqual({ magentoUrl: "http://m", publicUrl: "http://m", storeCode: "default" });
  });

  it("accepts every setting", () => {
    expect(parseFrontendConfig({ MAGENTO_URL: "http://m", PUBLIC_URL: "https://shop.example/", REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: "demo:1:", REVALIDATE_TOKEN: "0123456789abcdef", STORE_CODE: "fr" })).toEqual({
      magentoUrl: "http://m", publicUrl: "https://shop.example", redisUrl: "redis://127.0.0.1:6379", redisKeyPrefix: "demo:1:", revalidateToken: "0123456789abcdef", storeCode: "fr",
    });
  });

  it.each([
    [{}, "MAGENTO_URL:"],
    [{ MAGENTO_URL: "not a url" }, "MAGENTO_URL: MAGENTO_URL must be the legacy Magento base URL"],
    [{ MAGENTO_URL: "http://m", REDIS_URL: "http://redis" }, "REDIS_URL: REDIS_URL must start with redis:// or rediss://"],
    [{ MAGENTO_URL: "http://m", REDIS_KEY_PREFIX: "a b" }, "REDIS_KEY_PREFIX: REDIS_KEY_PREFIX may hold letters, digits and : _ . -"],
    [{ MAGENTO_URL: "http://m", REVALIDATE_TOKEN: "short" }, "REVALIDATE_TOKEN: REVALIDATE_TOKEN must be at least 16 characters"],
    [{ MAGENTO_URL: "http://m", STORE_CODE: "Bad Store" }, "STORE_CODE: STORE_CODE must be a Magento store code like `default`"],
  ])("rejects %j naming the variable", (env, message) => {
    expect(() => parseFrontendConfig(env)).toThrow(FrontendConfigError);
    expect(() => parseFrontendConfig(env)).toThrow(message);
  });
});
