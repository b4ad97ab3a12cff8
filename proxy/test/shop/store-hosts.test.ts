import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";

const base = { LEGACY_URL: "http://legacy.internal:8081", ADMIN_TOKEN: "config-test-token-123", STORE_CODES: "default,fr" };
const EXPECTS = "STORE_HOSTS must be a comma-separated list of host=store or host=store@website, such as fr.shop.test=fr,shop.test=default";

describe("STORE_HOSTS", () => {
  it("accepts host=store pairs, lower-casing hosts, with the website defaulting to base", () => {
    const config = loadConfig({ ...base, STORE_HOSTS: " FR.Shop.test=fr@europe , shop.test=default" });
    expect(Object.fromEntries(config.STORE_HOSTS)).toEqual({
      "fr.shop.test": { store: "fr", website: "europe" }, "shop.test": { store: "default", website: "base" },
    });
  });

  it("accepts none: every host is the first store code", () => {
    expect(loadConfig(base).STORE_HOSTS.size).toBe(0);
  });

  it.each([
    ["fr.shop.test", `${EXPECTS} (got "fr.shop.test": "fr.shop.test" is not host=store or host=store@website)`],
    ["fr.shop.test:8443=fr", `${EXPECTS} (got "fr.shop.test:8443=fr": "fr.shop.test:8443=fr" is not host=store or host=store@website)`],
    ["fr.shop.test=FR", `${EXPECTS} (got "fr.shop.test=FR": "fr.shop.test=FR" is not host=store or host=store@website)`],
    ["a.test=fr,A.test=default", `${EXPECTS} (got "a.test=fr,A.test=default": a.test is named twice)`],
    ["de.shop.test=de", "STORE_HOSTS names de, which STORE_CODES (default,fr) does not list"],
  ])("rejects %j saying what is wrong", (value, message) => {
    expect(() => loadConfig({ ...base, STORE_HOSTS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, STORE_HOSTS: value })).toThrow(message);
  });
});
