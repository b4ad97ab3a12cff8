/**
 * Issue 9: a clone runs with nothing beside it. On the team's machines the repository has a
 * `shared` folder of reference material next to it; nothing in the repository may read it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createGraphQlClient } from "../support/graphql-client.ts";
import { startNpmSandbox } from "../support/npm-sandbox.ts";
import { copyRepository, listRepositoryFiles } from "../support/repository-copy.ts";
import { findSharedReferences } from "../support/shared-references.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
// Built, not written, so that this file holds none of the strings it looks for.
const S = "shared";
const up = (levels: number) => "../".repeat(levels);
/** People's documentation may say where the data came from. */
const DOCUMENTATION = /(^|\/)README\.md$|^magento-sandbox\/data\/SOURCES\.md$/;

describe("findSharedReferences", () => {
  it.each([
    ["magento-sandbox/src/catalog/load.ts", `new URL("${up(4)}${S}/magento/sample-data/", import.meta.url)`],
    ["adapters/test/magento/rest-paths.test.ts", `join(import.meta.dirname, "${up(4)}${S}/rest.yaml")`],
    ["proxy/src/config.ts", `const file = "${up(3)}${S}/plans.yaml";`],
    [".ci/setup", `cp -r /work/${S}/data .`],
    ["scripts/start.ts", `// the catalog comes from ${S}/magento`],
  ])("rejects %s: %s", (path, line) => {
    expect(findSharedReferences(path, `first line\n${line}\n`)).toEqual([`${path}:2: ${line}`]);
  });

  it.each([
    ["magento-sandbox/test/workspace/a.test.ts", `join(import.meta.dirname, "${up(3)}${S}/inside-the-repository")`],
    ["proxy/src/forward/a.ts", `import { b } from "${up(1)}${S}/b.ts";`],
    ["adapters/src/cache/cache.ts", "//   miss → one load per key in this process (shared promise)"],
  ])("accepts %s: %s", (path, line) => {
    expect(findSharedReferences(path, line)).toEqual([]);
  });
});

describe("the repository stands alone", () => {
  it(`has no file outside the documentation that reaches for ${S}`, () => {
    const files = listRepositoryFiles(root).filter((path) => !DOCUMENTATION.test(path));
    expect(files).toEqual(expect.arrayContaining(["magento-sandbox/src/catalog/load.ts", ".ci/run", "adapters/test/magento/rest-paths.test.ts"]));
    const found = files.flatMap((path) => findSharedReferences(path, readFileSync(join(root, path), "utf8")));
    expect(found).toEqual([]);
  });

  it(`answers storeConfig from \`npm run sandbox\` in a copy with no ${S} beside it`, { timeout: 120_000 }, async () => {
    const parent = mkdtempSync(join(tmpdir(), "strangler-alone-"));
    try {
      copyRepository(root, join(parent, "strangler"));
      expect(readdirSync(parent)).toEqual(["strangler"]);
      const sandbox = await startNpmSandbox(join(parent, "strangler"));
      try {
        const { body } = await createGraphQlClient(sandbox.url).get("{ storeConfig { store_code base_currency_code } }");
        expect(body).toEqual({ data: { storeConfig: { store_code: "default", base_currency_code: "USD" } } });
      } finally {
        expect([0, "SIGTERM"]).toContain(await sandbox.stop());
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
