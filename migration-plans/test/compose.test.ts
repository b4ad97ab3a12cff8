// docker-compose.yml cannot be started on our dev machines (no Docker); this checks what can be checked
// here: the stack's services exist and the proxy is configured with the env names the proxy reads.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile_inline?: string };
  environment?: Record<string, string>;
  command?: string[];
}

const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")) as { services: Record<string, ComposeService> };

/** The proxy's env as documented in the team contract (TEAM.md / issue 3). */
const PROXY_CONTRACT_ENV = [
  "PORT", "ADMIN_PORT", "ADMIN_TOKEN", "LEGACY_URL", "NEW_FRONTEND_URL", "PLANS_DIR", "REDIS_URL", "UNLEASH_URL", "UNLEASH_API_TOKEN",
];

describe("docker-compose.yml", () => {
  it.each([
    ["magento", /magento/], ["mariadb", /^mariadb:11\.4$/], ["opensearch", /^opensearchproject\/opensearch:2\./],
    ["redis", /^redis:7$/], ["postgres", /^postgres:16$/], ["unleash", /^unleashorg\/unleash-server:6$/],
  ])("accepts the %s service with its image", (name, image) => {
    expect(compose.services[name]?.image).toMatch(image);
  });

  it.each(["proxy", "new-frontend"])("builds %s from node:24 with npm ci", (name) => {
    const inline = compose.services[name]?.build?.dockerfile_inline ?? "";
    expect(inline).toMatch(/^FROM node:24/);
    expect(inline).toContain("npm ci");
  });

  it("gives the proxy every env variable of its contract, pointing at the stack's services", () => {
    const env = compose.services.proxy?.environment ?? {};
    expect(PROXY_CONTRACT_ENV.filter((name) => !(name in env))).toEqual([]);
    expect(env).toMatchObject({
      LEGACY_URL: "http://magento:8080",
      NEW_FRONTEND_URL: "http://new-frontend:3000",
      PLANS_DIR: "/app/migration-plans/plans",
      REDIS_URL: "redis://redis:6379",
      UNLEASH_URL: "http://unleash:4242/api",
    });
  });

  it("uses only env names the proxy's config schemas read", () => {
    const schemas = ["proxy/src/config.ts", "proxy/src/flags/config.ts"].map((file) => readFileSync(join(ROOT, file), "utf8")).join("\n");
    const unknown = Object.keys(compose.services.proxy?.environment ?? {}).filter((name) => !new RegExp(`\\b${name}:`).test(schemas));
    expect(unknown).toEqual([]);
  });

  it("gives unleash its database and the proxy's client token", () => {
    const unleash = compose.services.unleash?.environment ?? {};
    expect(unleash.DATABASE_URL).toMatch(/^postgres:\/\/unleash:.+@postgres:5432\/unleash$/);
    expect(unleash.INIT_CLIENT_API_TOKENS).toBe(compose.services.proxy?.environment?.UNLEASH_API_TOKEN);
  });

  it("gives the new frontend its documented env", () => {
    expect(compose.services["new-frontend"]?.environment).toMatchObject({ MAGENTO_URL: "http://magento:8080", PUBLIC_URL: "http://localhost:8080" });
    expect(compose.services["new-frontend"]?.command).toEqual(["npm", "run", "start", "--", "-p", "3000"]);
  });

  it("gives magento its database, search engine and admin user", () => {
    expect(compose.services.magento?.environment).toMatchObject({
      MAGENTO_DATABASE_HOST: "mariadb", MAGENTO_SEARCH_ENGINE: "opensearch", MAGENTO_ELASTICSEARCH_HOST: "opensearch", MAGENTO_USERNAME: "admin",
    });
  });
});
