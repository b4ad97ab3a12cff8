/**
 * magento-sandbox/data holds verbatim upstream copies: SOURCES.md names every file there with the
 * SHA-256 it was copied with, and the paths the code uses point at files that exist.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { GRAPHQL_SCHEMA_FILE, MAGENTO_DATA_DIR, REST_SCHEMA_FILE, SAMPLE_DATA_DIR } from "../../src/data-files.ts";

const NOT_COPIED = new Set(["SOURCES.md", ".gitattributes"]);
const sources = readFileSync(join(MAGENTO_DATA_DIR, "SOURCES.md"), "utf8");
/** [file, sha256] from the tables' rows: | `file` | upstream | bytes | `sha256` | */
const listed = [...sources.matchAll(/^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/gm)].map((row) => [row[1]!, row[2]!] as const);
const present = readdirSync(MAGENTO_DATA_DIR, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(MAGENTO_DATA_DIR, join(entry.parentPath, entry.name)))
  .filter((path) => !NOT_COPIED.has(path));

const sha256 = (path: string) => createHash("sha256").update(readFileSync(join(MAGENTO_DATA_DIR, path))).digest("hex");

describe("magento-sandbox/data", () => {
  it("lists in SOURCES.md exactly the files it holds", () => {
    expect(listed.map(([file]) => file).sort()).toEqual(present.sort());
  });

  it.each(listed)("keeps %s as copied (SHA-256 %s)", (file, hash) => {
    expect(sha256(file)).toBe(hash);
  });

  it.each([
    ["the sample data", join(SAMPLE_DATA_DIR, "CatalogSampleData/categories.csv")],
    ["the GraphQL introspection", GRAPHQL_SCHEMA_FILE],
    ["the REST Swagger", REST_SCHEMA_FILE],
  ])("finds %s in the repository", (_name, file) => {
    expect(relative(MAGENTO_DATA_DIR, file)).not.toMatch(/^\.\./);
    expect(existsSync(file)).toBe(true);
  });
});
