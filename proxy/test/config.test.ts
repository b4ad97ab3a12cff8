import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { ConfigError } from "../src/errors.ts";

const base = { LEGACY_URL: "http://legacy.internal:8081", ADMIN_TOKEN: "config-test-token-123" };

describe("loadConfig", () => {
  it("accepts the minimum and fills the defaults", () => {
    const config = loadConfig(base);
    expect([config.PORT, config.ADMIN_PORT, config.WORKERS, config.ADMIN_PATH, config.TRUST_PROXY]).toEqual([8080, 9090, 1, "/admin", "none"]);
    expect([...config.upstreams.keys()]).toEqual(["legacy"]);
    expect(config.extra).toMatchObject({ FLAG_REFRESH_MS: 5000 });
  });

  it("names every upstream: legacy, new-frontend and UPSTREAM_<NAME>_URL", () => {
    const config = loadConfig({ ...base, NEW_FRONTEND_URL: "http://next:3000", UPSTREAM_SEARCH_SERVICE_URL: "http://search:7700" });
    expect(Object.fromEntries([...config.upstreams].map(([name, url]) => [name, url.origin])))
      .toEqual({ legacy: "http://legacy.internal:8081", "new-frontend": "http://next:3000", "search-service": "http://search:7700" });
  });

  it("turns WORKERS=auto into one per core", () => {
    expect(loadConfig({ ...base, WORKERS: "auto" }).WORKERS).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [{ PORT: "70000" }, "PORT: Too big: expected number to be <=65535"],
    [{ ADMIN_PATH: "admin" }, "ADMIN_PATH: must be a path starting with /"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY: Invalid option: expected one of \"none\"|\"all\"|\"loopback\""],
    [{ REDIS_URL: "http://redis" }, "REDIS_URL"],
    [{ NEW_FRONTEND_URL: "next:3000" }, "NEW_FRONTEND_URL: Invalid URL"],
  ])("rejects %j naming the variable", (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
