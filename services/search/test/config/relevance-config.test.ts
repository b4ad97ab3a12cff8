// search.config.json's schema: defaults, the repository's file, and every problem named at once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_RELEVANCE_FILE, loadRelevanceConfig, parseRelevanceConfig } from "../../src/config/relevance-config.ts";

describe("parseRelevanceConfig", () => {
  it("accepts an empty object with Magento's defaults", () => {
    const config = parseRelevanceConfig({});
    expect(config.minQueryLength).toBe(3);
    expect(config.weights).toEqual({ sku: 10, name: 6, categories: 3, attributes: 2, shortDescription: 1, description: 1 });
    expect(config.sort.options.map((o) => o.value)).toEqual(["relevance", "position", "name", "price"]);
    expect(config.visibility).toEqual({ search: ["search", "both"], filter: ["catalog", "both"] });
  });

  it("accepts the repository's search.config.json", () => {
    const config = loadRelevanceConfig(DEFAULT_RELEVANCE_FILE);
    expect(config.synonyms.length).toBeGreaterThan(10);
    expect(config.searchableAttributes).toContain("color");
  });

  it.each([
    ["a zero weight", { weights: { name: 0 } }, "Invalid search config: weights.name: Too small: expected number to be >0"],
    ["a one-word synonym group", { synonyms: [["tee"]] }, "Invalid search config: synonyms.0: a synonym group needs at least two entries"],
    ["a word in two synonym groups", { synonyms: [["tee", "shirt"], ["top", "shirt"]] }, 'Invalid search config: synonyms.1: "shirt" is already in synonym group 0'],
    ["a synonym with punctuation", { synonyms: [["tee", "t-shirt!"]] }, "Invalid search config: synonyms.0.1: holds letters, digits, spaces, ' and - only"],
    ["an unknown sort field", { sort: { search: "rating" } }, 'Invalid search config: sort.search: Invalid option: expected one of "relevance"|"position"|"name"|"price"'],
    ["a minimum longer than the maximum", { minQueryLength: 10, maxQueryLength: 5 }, "Invalid search config: minQueryLength: is larger than maxQueryLength"],
    ["an attribute code with capitals", { searchableAttributes: ["Color"] }, "Invalid search config: searchableAttributes.0: is not an attribute code"],
    ["two problems at once", { minQueryLength: 0, visibility: { search: [] } }, "Invalid search config: minQueryLength: Too small: expected number to be >=1; visibility.search: Too small: expected array to have >=1 items"],
  ])("rejects %s", (_case, input, message) => {
    expect(() => parseRelevanceConfig(input)).toThrow(message);
  });

  it("rejects a file that is not JSON, naming it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "search-config-")), "search.config.json");
    writeFileSync(file, "{ nope");
    expect(() => loadRelevanceConfig(file)).toThrow(`Cannot read the search config ${file}: `);
  });
});
