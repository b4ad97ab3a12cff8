import { describe, expect, it } from "vitest";
import { flagsEnvSchema, parseFlagsEnv, toFlagsConfig } from "../../src/flags/index.ts";

describe("flags env", () => {
  it("accepts an empty env: the local store in ./var/flags, refreshed every 5 s", () => {
    expect(parseFlagsEnv({})).toEqual({ refreshMs: 5000, stateDir: "./var/flags", redisKeyPrefix: "strangler:flags:" });
  });

  it("accepts Unleash with its token, Redis for the saved state, and a faster refresh", () => {
    const config = parseFlagsEnv({
      UNLEASH_URL: "http://unleash:4242/api",
      UNLEASH_API_TOKEN: "*:production.abc",
      UNLEASH_METRICS: "false",
      FLAG_REFRESH_MS: "2000",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(config).toEqual({
      unleash: { url: "http://unleash:4242/api", apiToken: "*:production.abc", appName: "strangler-proxy", timeoutMs: 3000, metrics: false },
      refreshMs: 2000,
      stateDir: "./var/flags",
      redisUrl: "redis://127.0.0.1:6379",
      redisKeyPrefix: "strangler:flags:",
    });
  });

  it.each([
    ["a refresh above 10 s", { FLAG_REFRESH_MS: "20000" }, "FLAG_REFRESH_MS must be at most 10000 (ms): a flag change must apply within 10 s"],
    ["a refresh that is not a number", { FLAG_REFRESH_MS: "soon" }, "FLAG_REFRESH_MS"],
    ["an UNLEASH_URL that is not http(s)", { UNLEASH_URL: "unleash:4242", UNLEASH_API_TOKEN: "t" }, "UNLEASH_URL must be an http(s) URL such as http://unleash:4242/api"],
    ["a timeout below unleash-client's retry floor", { UNLEASH_TIMEOUT_MS: "200" }, "UNLEASH_TIMEOUT_MS must be at least 1000 (ms)"],
    ["UNLEASH_URL without a token", { UNLEASH_URL: "http://unleash:4242/api" }, "UNLEASH_API_TOKEN is required when UNLEASH_URL is set"],
  ])("rejects %s", (_title, env, message) => {
    expect(() => parseFlagsEnv(env)).toThrow(message);
  });

  it("rejects UNLEASH_URL without a token also when the proxy merged the schema's shape into its own", () => {
    const parsed = flagsEnvSchema.parse({ UNLEASH_URL: "http://unleash:4242/api" });
    expect(() => toFlagsConfig(parsed)).toThrow("UNLEASH_API_TOKEN is required when UNLEASH_URL is set");
  });
});
