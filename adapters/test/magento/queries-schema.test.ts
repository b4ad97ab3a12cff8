// Every GraphQL document the adapters send, checked against Magento 2.4.8's real schema.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildClientSchema, parse, validate } from "graphql";
import type { IntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";

const schemaFile = join(import.meta.dirname, "../../../../shared/magento/graphql-introspection/schema_2-4-8.json");
const queriesDir = join(import.meta.dirname, "../../src/magento/queries");

function loadSchema() {
  const raw = JSON.parse(readFileSync(schemaFile, "utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
  return buildClientSchema(raw.data ?? raw);
}

async function collectDocuments(): Promise<[string, string][]> {
  const documents: [string, string][] = [];
  for (const file of readdirSync(queriesDir).filter((name) => name.endsWith(".ts")).sort()) {
    const module = (await import(join(queriesDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === "string" && /^\s*(query|mutation)\b/.test(value)) documents.push([`${file}:${name}`, value]);
    }
  }
  return documents;
}

const schema = loadSchema();
const documents = await collectDocuments();

describe("GraphQL documents against the Magento 2.4.8 schema", () => {
  it("finds the documents (one per public call at least)", () => {
    expect(documents.length).toBeGreaterThanOrEqual(17);
  });

  it.each(documents)("accepts %s", (_name, source) => {
    const errors = validate(schema, parse(source)).map((error) => error.message);
    expect(errors).toEqual([]);
  });

  it("rejects a document with a field Magento does not have (the check can fail)", () => {
    const errors = validate(schema, parse("query { products(search: \"x\") { items { no_such_field } } }"));
    expect(errors.map((error) => error.message)).toEqual([
      'Cannot query field "no_such_field" on type "ProductInterface".',
    ]);
  });
});
