/** startSandbox's contract, the config schema, media placeholders and what the app mounts. */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPurgeNotifier, startSandbox, type RunningSandbox } from "../../src/index.ts";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { DEFAULT_SCHEMA_FILE } from "../../src/graphql/schema.ts";
import { createGraphQlClient } from "../support/graphql-client.ts";
import { assertConformsToSchema } from "../support/graphql-response-validator.ts";
import { assertConforms } from "../support/rest-openapi.ts";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ baseUrl: "http://shop.example.test" });
});
afterAll(() => sandbox.close());

describe("startSandbox", () => {
  it("listens on 127.0.0.1 on a free port and exposes the store", () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.store.catalog.getProductBySku("24-MB01")?.name).toBe("Joust Duffle Bag");
    expect(sandbox.store.commerce.createGuestCart().maskedId).toHaveLength(32);
  });

  it("uses the configured public base URL in GraphQL URLs", async () => {
    const { body } = await createGraphQlClient(sandbox.url).get("{ storeConfig { base_url } }");
    expect(body).toEqual({ data: { storeConfig: { base_url: "http://shop.example.test/" } } });
  });

  it("closes, freeing the port", async () => {
    const other = await startSandbox();
    await other.close();
    await expect(fetch(`${other.url}/graphql`)).rejects.toThrow();
  });
});

describe("the GraphQL schema", () => {
  it("is Magento 2.4.8's published introspection, type for type, not a hand-written subset", async () => {
    const file = JSON.parse(readFileSync(DEFAULT_SCHEMA_FILE, "utf8")) as { data?: { __schema: { types: { name: string }[] } }; __schema?: { types: { name: string }[] } };
    const published = (file.data ?? file).__schema!.types.map((t) => t.name).sort();
    const { body } = await createGraphQlClient(sandbox.url).post<{ __schema: { types: { name: string }[] } }>("{ __schema { types { name } } }");
    expect(body.data!.__schema.types.map((t) => t.name).sort()).toEqual(published);
    expect(published).toContain("NegotiableQuote");
  });
});

describe("mounted surfaces", () => {
  it.each([
    ["OPTIONS", "/graphql", 204, null],
    ["PUT", "/graphql", 405, "application/json"],
    ["GET", "/rest/V1/products/24-MB01", 401, "application/json"],
    ["GET", "/", 200, "text/html"],
    ["GET", "/admin", 200, "text/html"],
  ])("%s %s answers %i", async (method, path, status, type) => {
    const response = await fetch(`${sandbox.url}${path}`, { method });
    expect(response.status).toBe(status);
    if (type) expect(response.headers.get("content-type")).toContain(type);
    if (path === "/graphql" && type) assertConformsToSchema("{ __typename }", await response.json());
    if (path.startsWith("/rest/")) assertConforms(await response.json(), "error-response");
  });
});

describe("media placeholders", () => {
  it.each([
    ["/media/catalog/product/m/h/mh01-black_main.jpg", "image/jpeg", [0xff, 0xd8, 0xff]],
    ["/media/catalog/product/cache/0f831c1845fc143d00d6d1ebc49f446a/m/h/mh01-black_main.jpg", "image/jpeg", [0xff, 0xd8, 0xff]],
    ["/media/catalog/product/l/u/luma-yoga-kit-2.png", "image/png", [0x89, 0x50, 0x4e, 0x47]],
  ])("serves %s as %s", async (path, type, magic) => {
    const response = await fetch(`${sandbox.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, magic.length)]).toEqual(magic);
    expect(bytes.length).toBeGreaterThan(100);
  });

  it("writes a 240×300 baseline frame in the JPEG", async () => {
    const bytes = Buffer.from(await (await fetch(`${sandbox.url}/media/catalog/product/w/j/wj01-red_main.jpg`)).arrayBuffer());
    const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    expect([bytes.readUInt16BE(sof + 5), bytes.readUInt16BE(sof + 7)]).toEqual([300, 240]);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it("answers 404 for a file type Magento would not have", async () => {
    expect((await fetch(`${sandbox.url}/media/catalog/product/a/b/readme.txt`)).status).toBe(404);
  });
});

describe("purging cache hosts on price changes", () => {
  it("sends Magento's PURGE with X-Magento-Tags-Pattern to every configured host", async () => {
    const received: { method?: string; url?: string; pattern?: string }[] = [];
    const cacheHost = createServer((req, res) => {
      received.push({ method: req.method, url: req.url, pattern: req.headers["x-magento-tags-pattern"] as string });
      res.end("Purged");
    });
    await new Promise<void>((resolve) => cacheHost.listen(0, "127.0.0.1", resolve));
    const purging = await startSandbox({ purgeUrls: [`http://127.0.0.1:${(cacheHost.address() as AddressInfo).port}/`] });
    try {
      purging.store.catalog.setPrice("MH01-XS-Black", 12);
      await vi.waitFor(() => expect(received).toHaveLength(1));
      const childId = purging.store.catalog.getProductBySku("MH01-XS-Black")!.id;
      expect(received[0]).toEqual({ method: "PURGE", url: "/", pattern: `((^|,)cat_p_${childId}(,|$))|((^|,)cat_p_68(,|$))` });
    } finally {
      await purging.close();
      await new Promise((resolve) => cacheHost.close(resolve));
    }
  });

  it("warns instead of failing when a host cannot be reached", async () => {
    const warnings: string[] = [];
    const notify = createPurgeNotifier({ urls: ["http://127.0.0.1:1/"], warn: (message) => void warnings.push(message) });
    await notify(["cat_p_1"]);
    expect(warnings).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:1\/ could not be reached for PURGE \(\(\^\|,\)cat_p_1\(,\|\$\)\): /)]);
  });
});

describe("config", () => {
  it("accepts an empty environment with the defaults", () => {
    expect(loadConfig({})).toEqual({ port: 8081, host: "127.0.0.1" });
  });

  it("accepts every variable", () => {
    expect(loadConfig({
      SANDBOX_PORT: "9000", SANDBOX_HOST: "0.0.0.0", SANDBOX_BASE_URL: "https://shop.test/", SANDBOX_SAMPLE_DATA_DIR: "/data",
      SANDBOX_PURGE_URLS: "http://a:1/, http://b:2/purge", SANDBOX_CRYPT_KEY: "0123456789abcdef0123456789abcdef",
      SANDBOX_STORE_URLS: "fr=https://fr.shop.test/, default=https://shop.test/?a=b",
    })).toEqual({
      port: 9000, host: "0.0.0.0", baseUrl: "https://shop.test/", sampleDataDir: "/data", purgeUrls: ["http://a:1/", "http://b:2/purge"],
      cryptKey: "0123456789abcdef0123456789abcdef", storeUrls: { fr: "https://fr.shop.test/", default: "https://shop.test/?a=b" },
    });
  });

  it("accepts empty variables as unset", () => {
    expect(loadConfig({ SANDBOX_PORT: "", SANDBOX_BASE_URL: "", SANDBOX_PURGE_URLS: "", SANDBOX_CRYPT_KEY: "" })).toEqual({ port: 8081, host: "127.0.0.1" });
  });

  it.each([
    [{ SANDBOX_PORT: "http" }, 'SANDBOX_PORT must be a port number from 0 to 65535 (got "http")'],
    [{ SANDBOX_PORT: "70000" }, 'SANDBOX_PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ SANDBOX_BASE_URL: "not a url" }, 'SANDBOX_BASE_URL must be an absolute URL, such as http://127.0.0.1:8080/ (got "not a url")'],
    [{ SANDBOX_PURGE_URLS: "http://ok:1/,nope" }, 'SANDBOX_PURGE_URLS must be a comma-separated list of URLs, such as http://127.0.0.1:8082/ (got "http://ok:1/,nope")'],
    [{ SANDBOX_STORE_URLS: "de=http://de.shop.test/" }, 'SANDBOX_STORE_URLS must be a comma-separated list of store=URL pairs for the stores default and fr, such as fr=http://fr.shop.test/ (got "de=http://de.shop.test/")'],
    [{ SANDBOX_STORE_URLS: "fr" }, 'SANDBOX_STORE_URLS must be a comma-separated list of store=URL pairs for the stores default and fr, such as fr=http://fr.shop.test/ (got "fr")'],
    [{ SANDBOX_CRYPT_KEY: "short" }, "SANDBOX_CRYPT_KEY must be at least 16 characters, like Magento's crypt/key (value not shown)"],
  ])("rejects %j saying what the variable expects", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`Invalid sandbox environment: ${message}`);
  });
});
