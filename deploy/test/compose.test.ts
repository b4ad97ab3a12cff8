// docker-compose.yml cannot be started here (no Docker daemon). What can be checked is checked: the file
// against the published Compose specification (JSON schema, vendored in deploy/vendor/), and the wiring
// between services — every URL reaches a service on a port it listens on, every healthcheck runs a
// program its image has, every depends_on condition can come true, and every variable a service is
// given is one its code (or image) reads.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { describeService, findUrls, healthcheckPrograms, portOf, publishedPorts, readCompose } from "./support/compose-model.ts";
import { THIRD_PARTY_IMAGES } from "./support/third-party-images.ts";

const repo = join(import.meta.dirname, "..", "..");
const { raw, compose } = readCompose(repo);
const services = compose.services;
const names = Object.keys(services);
const facts = Object.fromEntries(names.map((name) => [name, describeService(repo, services[name]!)]));
const read = (path: string) => readFileSync(join(repo, path), "utf8");

/** Where each service's variables are read (beyond what THIRD_PARTY_IMAGES says its image reads). */
const ENV_READERS: Record<string, string[]> = {
  proxy: ["proxy/src/config.ts", "proxy/src/flags/config.ts"],
  "flags-sync": ["proxy/src/cli/cli-config.ts"],
  purge: ["adapters/bin/purge-server.ts", "adapters/src/purge/config.ts"],
  "new-frontend": ["new-frontend/lib/config.ts"],
  "search-service": ["services/search/src/config/service-env.ts"],
  magento: ["deploy/magento/connect-services.sh"],
};
/** Read by a framework rather than our code: `next start` takes PORT. */
const FRAMEWORK_ENV: Record<string, string[]> = { "new-frontend": ["PORT"] };
/** Read by pattern: the proxy takes every UPSTREAM_<NAME>_URL (proxy/src/config.ts readExtraUpstreams). */
const PATTERN_ENV: Record<string, RegExp> = { proxy: /^UPSTREAM_[A-Z0-9_]+_URL$/ };

describe("docker-compose.yml", () => {
  it("is valid against the Compose specification's JSON schema", () => {
    const schema = JSON.parse(read("deploy/vendor/compose-spec.json")) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const validate = ajv.compile(schema);
    for (const document of [raw, compose]) {
      validate(document);
      expect(validate.errors ?? []).toEqual([]);
    }
  });

  it("rejects what the schema forbids (the check can fail)", () => {
    const ajv = new Ajv({ strict: false, validateSchema: false });
    const validate = ajv.compile(JSON.parse(read("deploy/vendor/compose-spec.json")) as Record<string, unknown>);
    expect(validate({ services: { proxy: { image: "x", restart_policy: "always" } } })).toBe(false);
    expect(validate({ services: { proxy: { image: "x", depends_on: { redis: { condition: "service_ready" } } } } })).toBe(false);
  });

  it.each(names)("pins %s's image to a version (or builds it from deploy/images/)", (name) => {
    const service = services[name]!;
    if (service.build) {
      expect(service.build.dockerfile).toMatch(/^deploy\/images\/[a-z-]+\.Dockerfile$/);
      expect(existsSync(join(repo, service.build.dockerfile!))).toBe(true);
      expect(service.image).toMatch(/^strangler\/[a-z-]+:local$/);
    } else {
      expect(service.image).toMatch(/:v?\d+\.\d+(\.\d+)?$|magento2\.4\.8-sample-data$/);
      expect(Object.keys(THIRD_PARTY_IMAGES)).toContain(service.image);
    }
  });

  it("runs every deployable we build: proxy, new frontend, purge endpoint (and search service, when its workspace exists)", () => {
    const workspaces = (JSON.parse(read("package.json")) as { workspaces: string[] }).workspaces;
    const built = names.filter((name) => services[name]!.build && name !== "flags-sync").sort();
    expect(built).toEqual(["new-frontend", "proxy", "purge", ...(workspaces.includes("services/search") ? ["search-service"] : [])].sort());
  });

  it("runs a real Magento 2.4.8 with the sample data on MariaDB 11.4, OpenSearch 2 and Redis", () => {
    expect(services.magento?.image).toMatch(/magento2\.4\.8-sample-data$/);
    expect(services.mariadb?.image).toMatch(/^mariadb:11\.4\./);
    expect(services.opensearch?.image).toMatch(/^opensearchproject\/opensearch:2\./);
    expect(services.magento?.environment).toMatchObject({ DB_HOST: "mariadb", OPENSEARCH_HOST: "opensearch", REDIS_HOST: "redis", PURGE_URL: "http://purge:6081" });
  });

  it.each(names.flatMap((name) => findUrls(services[name]!).map(({ name: variable, url }) => [name, variable, url.href] as const)))(
    "accepts %s's %s (%s): it reaches a service on a port it listens on", (name, variable, href) => {
      const url = new URL(href);
      if (url.hostname === "localhost" || url.hostname === "127.0.0.1") {
        // A URL for the browser on the host: some service must publish that port.
        expect(names.flatMap((other) => publishedPorts(services[other]!))).toContain(portOf(url));
        return;
      }
      expect(names, `${name}.${variable}`).toContain(url.hostname);
      expect(facts[url.hostname]!.ports, `${name}.${variable}`).toContain(portOf(url));
    });

  it.each(names.filter((name) => facts[name]!.healthcheck))("runs %s's healthcheck with programs its image has", (name) => {
    for (const program of healthcheckPrograms(facts[name]!.healthcheck!)) expect(facts[name]!.commands, name).toContain(program);
  });

  it.each(names.flatMap((name) => Object.entries(services[name]!.depends_on ?? {}).map(([target, { condition }]) => [name, target, condition] as const)))(
    "accepts %s depending on %s with %s: the condition can come true", (_name, target, condition) => {
      expect(names).toContain(target);
      const dependency = services[target]!;
      if (condition === "service_healthy") expect(facts[target]!.healthcheck).toBeDefined();
      else if (condition === "service_completed_successfully") {
        // A one-shot: never restarted, a command that ends, no port to serve.
        expect(dependency.restart).toBe("no");
        expect(dependency.command).toBeDefined();
        expect(dependency.ports).toBeUndefined();
      } else expect(condition).toBe("service_started");
    });

  it.each(names.filter((name) => services[name]!.environment))("gives %s only variables its code or image reads", (name) => {
    const readers = (ENV_READERS[name] ?? []).map((file) => read(file)).join("\n");
    const imageEnv = [...(THIRD_PARTY_IMAGES[services[name]!.image ?? ""]?.env ?? []), ...(FRAMEWORK_ENV[name] ?? [])];
    const unread = Object.keys(services[name]!.environment!)
      .filter((variable) => !imageEnv.includes(variable) && !PATTERN_ENV[name]?.test(variable)
        && !new RegExp(`\\b${variable.replace(".", "\\.")}\\b`).test(readers));
    expect(unread).toEqual([]);
  });

  it.each(names.flatMap((name) => (services[name]!.volumes ?? []).filter((v) => v.startsWith("./")).map((v) => [name, v.split(":")[0]!] as const)))(
    "mounts into %s a path that exists: %s", (_name, path) => { expect(existsSync(join(repo, path))).toBe(true); });
});

describe("the proxy in docker-compose.yml", () => {
  const env = services.proxy?.environment ?? {};

  it("binds its admin port on every interface in its container, so the healthcheck and Prometheus reach it", () => {
    expect(env.ADMIN_HOST).toBe("0.0.0.0");
    expect(services.proxy?.ports).toContain(`127.0.0.1:${env.ADMIN_PORT}:${env.ADMIN_PORT}`);
  });

  it("has an upstream for every plan's target", () => {
    const plansDir = join(repo, "migration-plans", "plans");
    const targets = readdirSync(plansDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => (parse(read(`migration-plans/plans/${f}`)) as { target: string }).target);
    const known = ["legacy", ...(env.NEW_FRONTEND_URL ? ["new-frontend"] : []),
      ...Object.keys(env).map((key) => /^UPSTREAM_([A-Z0-9_]+)_URL$/.exec(key)?.[1]?.toLowerCase().replaceAll("_", "-")).filter(Boolean)];
    expect(targets.filter((target) => !known.includes(target))).toEqual([]);
  });

  it("starts after every plan's toggle exists in Unleash (flags sync), with the tokens Unleash creates", () => {
    expect(services["flags-sync"]?.command).toEqual(["node", "proxy/bin/strangler.ts", "flags", "sync"]);
    expect(services["flags-sync"]?.environment).toMatchObject({ UNLEASH_URL: env.UNLEASH_URL, PLANS_DIR: env.PLANS_DIR });
    expect(services.unleash?.environment?.INIT_BACKEND_API_TOKENS).toBe(env.UNLEASH_API_TOKEN);
    expect(services.unleash?.environment?.INIT_ADMIN_API_TOKENS).toBe(services["flags-sync"]?.environment?.UNLEASH_ADMIN_TOKEN);
    expect(services.proxy?.depends_on?.["flags-sync"]).toEqual({ condition: "service_completed_successfully" });
  });

  it("is scraped by Prometheus on its admin port with its admin token", () => {
    const prometheus = parse(read("deploy/prometheus/prometheus.yml")) as { scrape_configs: Array<{ static_configs: Array<{ targets: string[] }>; authorization: { credentials_file: string } }> };
    const job = prometheus.scrape_configs[0]!;
    expect(job.static_configs[0]!.targets).toEqual([`proxy:${env.ADMIN_PORT}`]);
    expect(compose.configs?.admin_token?.content).toBe(env.ADMIN_TOKEN);
    expect(job.authorization.credentials_file).toBe("/etc/prometheus/admin-token");
  });
});

describe("the purge endpoint in docker-compose.yml", () => {
  it("admits Magento's network and tells the new frontend with its revalidation token", () => {
    const purge = services.purge?.environment ?? {};
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet;
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(purge.PURGE_ALLOWED_ADDRESSES).toBe(subnet);
    expect(purge.REVALIDATE_TOKEN).toBe(services["new-frontend"]?.environment?.REVALIDATE_TOKEN);
  });

  it.each(names.filter((name) => services[name]!.environment?.PURGE_CHANNEL))("publishes its purges on the channel %s listens to", (name) => {
    expect(services[name]!.environment!.PURGE_CHANNEL).toBe(services.purge?.environment?.PURGE_PUBLISH_CHANNEL);
  });
});
