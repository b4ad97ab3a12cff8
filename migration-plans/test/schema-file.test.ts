import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderSchema, SCHEMA_FILE } from "../bin/write-schema.ts";
import { planJsonSchema } from "../src/index.ts";

describe("plan.schema.json", () => {
  it("equals the schema generated from the zod schema (run `npm run -w migration-plans schema` when it does not)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(renderSchema());
  });

  it("forbids unknown keys at every level and requires id, target and match", () => {
    const schema = planJsonSchema as { additionalProperties: boolean; required: string[]; properties: Record<string, { items?: { additionalProperties: boolean } }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["id", "target", "match"]);
    expect(schema.properties.match?.items?.additionalProperties).toBe(false);
  });

  it("is referenced by every example plan", () => {
    for (const name of ["product-pages", "category-pages", "search-results", "cms-pages"]) {
      const text = readFileSync(new URL(`../plans/${name}.yaml`, import.meta.url), "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../plan.schema.json");
    }
  });
});
