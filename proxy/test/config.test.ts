import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { usableCpus } from "../src/cpu-quota.ts";
import { ConfigError } from "../src/errors.ts";

const base = { LEGACY_URL: "http://legacy.internal:8081", ADMIN_TOKEN: "config-test-token-123" };

describe("loadConfig", () => {
  it("accepts the minimum and fills the defaults", () => {
    const config = loadConfig(base);
    expect([config.PORT, config.ADMIN_PORT, config.WORKERS, config.ADMIN_PATH, config.TRUST_PROXY]).toEqual([8080, 9090, 1, "/admin", "none"]);
    expect([config.PUBLIC_HOST, config.ALLOWED_METHODS, config.REQUEST_BUFFER_BYTES, config.UPSTREAM_QUEUE_TIMEOUT_MS])
      .toEqual(["legacy.internal:8081", ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"], 65_536, 5_000]);
    expect(config.isTrustedPeer("127.0.0.1")).toBe(false);
    expect([...config.upstreams.keys()]).toEqual(["legacy"]);
    expect(config.extra).toMatchObject({ FLAG_REFRESH_MS: 5000 });
  });

  it("names every upstream: legacy, new-frontend and UPSTREAM_<NAME>_URL", () => {
    const config = loadConfig({ ...base, NEW_FRONTEND_URL: "http://next:3000", UPSTREAM_SEARCH_SERVICE_URL: "http://search:7700" });
    expect(Object.fromEntries([...config.upstreams].map(([name, url]) => [name, url.origin])))
      .toEqual({ legacy: "http://legacy.internal:8081", "new-frontend": "http://next:3000", "search-service": "http://search:7700" });
  });

  it("turns WORKERS=auto into one per usable CPU (the cores, capped by the cgroup CPU quota)", () => {
    expect(loadConfig({ ...base, WORKERS: "auto" }).WORKERS).toBe(usableCpus());
  });

  it.each([
    ["none", [], ["127.0.0.1", "10.1.2.3"]],
    ["all", ["127.0.0.1", "203.0.113.9"], []],
    ["loopback", ["127.0.0.1", "::1", "::ffff:127.0.0.1"], ["10.1.2.3"]],
    ["10.0.0.0/8, 192.168.1.5", ["10.1.2.3", "192.168.1.5", "::ffff:10.9.9.9"], ["192.168.1.6", "127.0.0.1", "11.0.0.1"]],
    ["loopback, 2001:db8::/32", ["::1", "2001:db8::7"], ["2001:db9::1"]],
  ])("accepts TRUST_PROXY=%s and trusts exactly its peers", (value, trusted, untrusted) => {
    const config = loadConfig({ ...base, TRUST_PROXY: value });
    expect(trusted.map((address) => config.isTrustedPeer(address))).toEqual(trusted.map(() => true));
    expect(untrusted.map((address) => config.isTrustedPeer(address))).toEqual(untrusted.map(() => false));
    expect(config.isTrustedPeer(undefined)).toBe(value === "all");
  });

  it("accepts ALLOWED_METHODS in any case and PUBLIC_HOST with a port", () => {
    const config = loadConfig({ ...base, ALLOWED_METHODS: "get, post,PURGE", PUBLIC_HOST: "shop.example.com:8443" });
    expect([config.ALLOWED_METHODS, config.PUBLIC_HOST]).toEqual([["GET", "POST", "PURGE"], "shop.example.com:8443"]);
  });

  it.each([
    [{ PORT: "70000" }, 'PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ ADMIN_PATH: "admin" }, 'ADMIN_PATH must be a path starting with /, such as /admin (got "admin")'],
    [{ TRUST_PROXY: "yes" }, 'TRUST_PROXY must be none, all, or a comma-separated list of IP addresses, CIDR ranges and loopback/linklocal/uniquelocal (got "yes": invalid IP address: yes)'],
    [{ TRUST_PROXY: "10.0.0.0/99" }, 'TRUST_PROXY must be none, all, or a comma-separated list of IP addresses, CIDR ranges and loopback/linklocal/uniquelocal (got "10.0.0.0/99": invalid range on address: 10.0.0.0/99)'],
    [{ ALLOWED_METHODS: "GET,CONNECT" }, 'ALLOWED_METHODS must be a comma-separated list of HTTP methods (CONNECT is never allowed) (got "GET,CONNECT")'],
    [{ ALLOWED_METHODS: "GE T" }, 'ALLOWED_METHODS must be a comma-separated list of HTTP methods (CONNECT is never allowed) (got "GE T")'],
    [{ PUBLIC_HOST: "shop example" }, 'PUBLIC_HOST must be a host or host:port, such as shop.example.com (got "shop example")'],
    [{ REQUEST_BUFFER_BYTES: "-1" }, 'REQUEST_BUFFER_BYTES must be a whole number of bytes (got "-1")'],
    [{ REDIS_URL: "http://redis" }, "REDIS_URL must be a redis://, rediss:// or redis+cluster://host:port,host:port URL (value not shown)"],
    [{ REDIS_URL: "redis+cluster://10.0.0.5" }, "REDIS_URL must be a redis://, rediss:// or redis+cluster://host:port,host:port URL (value not shown)"],
    [{ NEW_FRONTEND_URL: "next:3000" }, 'NEW_FRONTEND_URL must be the new frontend\'s http(s) base URL, such as http://next:3000 (got "next:3000")'],
    [{ WORKERS: "0" }, 'WORKERS must be a positive integer (at most 256) or "auto" (got "0")'],
    [{ KEEP_ALIVE_SOCKETS: "-1" }, 'KEEP_ALIVE_SOCKETS must be a whole number of at least 1 (got "-1")'],
    [{ RESPONSE_TIMEOUT_MS: "soon" }, 'RESPONSE_TIMEOUT_MS must be a whole number of milliseconds above 0 (got "soon")'],
    [{ UNLEASH_TIMEOUT_MS: "10" }, 'UNLEASH_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 60000 (got "10")'],
    [{ LOG_LEVEL: "loud" }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent (got "loud")'],
    [{ ADMIN_TOKEN: "" }, "ADMIN_TOKEN must be at least 16 characters (it guards the admin port and the debug header) (it is not set)"],
  ])("rejects %j saying what the variable expects", (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it("never answers zod's bare \"Invalid input\"", () => {
    const broken = { PORT: "x", ADMIN_PORT: "x", WORKERS: "x", TRUST_PROXY: "x", LOG_LEVEL: "x", CIRCUIT_FAILURES: "x", MAX_HEADER_SIZE: "1" };
    expect(() => loadConfig({ ...base, ...broken })).toThrow(ConfigError);
    try {
      loadConfig({ ...base, ...broken });
    } catch (error) {
      const lines = (error as Error).message.split("\n").slice(1);
      expect(lines).toHaveLength(Object.keys(broken).length);
      for (const line of lines) expect(line).toMatch(/^ {2}[A-Z_]+ must be .+ \(got "[^"]*"(: .+)?\)$/);
    }
  });

  it.each([
    ["REDIS_URL", { REDIS_URL: "" }, (config: ReturnType<typeof loadConfig>) => config.REDIS_URL, undefined],
    ["NEW_FRONTEND_URL", { NEW_FRONTEND_URL: "" }, (config: ReturnType<typeof loadConfig>) => config.upstreams.has("new-frontend"), false],
    ["WORKERS", { WORKERS: "" }, (config: ReturnType<typeof loadConfig>) => config.WORKERS, 1],
    ["PORT", { PORT: "" }, (config: ReturnType<typeof loadConfig>) => config.PORT, 8080],
    ["UPSTREAM_SEARCH_URL", { UPSTREAM_SEARCH_URL: "" }, (config: ReturnType<typeof loadConfig>) => config.upstreams.has("search"), false],
    ["UNLEASH_URL", { UNLEASH_URL: "", UNLEASH_API_TOKEN: "" }, (config: ReturnType<typeof loadConfig>) => config.extra.UNLEASH_URL, undefined],
    ["FLAG_REFRESH_MS", { FLAG_REFRESH_MS: "" }, (config: ReturnType<typeof loadConfig>) => config.extra.FLAG_REFRESH_MS, 5000],
  ])("accepts an empty %s as unset", (_name, env, read, expected) => {
    expect(read(loadConfig({ ...base, ...env }))).toEqual(expected);
  });
});
