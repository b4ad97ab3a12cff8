// Every GraphQL document the adapters send, checked against Magento 2.4.8's real schema. The list is
// complete by construction: a source scan finds every GraphQL literal written anywhere in src/ and bin/
// and every document passed to `graphql.request(…)`, and each must be one of the validated exports.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildClientSchema, parse, validate } from "graphql";
import type { IntrospectionQuery } from "graphql";
import { GRAPHQL_SCHEMA_FILE } from "@strangler/magento-sandbox/data-files";
import { describe, expect, it } from "vitest";
import { findRequestCalls, findWrittenDocuments, scanAdapterSources } from "../support/graphql-sources.ts";

const queriesDir = join(import.meta.dirname, "../../src/magento/queries");

function loadSchema() {
  const raw = JSON.parse(readFileSync(GRAPHQL_SCHEMA_FILE, "utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
  return buildClientSchema(raw.data ?? raw);
}

/** [`file:exportName`, document] for each exported operation of src/magento/queries. */
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
const validatedExports = new Set(documents.map(([name]) => name.split(":")[1]!));
const validatedOperations = new Set(documents.map(([, source]) => /(query|mutation)\s+(\w+)/.exec(source)![2]!));
const sources = scanAdapterSources(join(import.meta.dirname, "../.."));

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

  it("validates every GraphQL document written anywhere in src/ and bin/ (nothing inline, nothing unexported)", () => {
    expect(sources.documents.length).toBeGreaterThanOrEqual(documents.length);
    const unvalidated = sources.documents.filter((doc) => !doc.file.startsWith("src/magento/queries/") || !validatedOperations.has(doc.operation));
    expect(unvalidated).toEqual([]);
  });

  it("sends only validated documents: every graphql.request(…) passes one of the checked exports by name", () => {
    expect(sources.calls.length).toBeGreaterThanOrEqual(17);
    expect(sources.calls.filter((call) => call.document === undefined || !validatedExports.has(call.document))).toEqual([]);
  });

  it("names each operation once, so a schema failure points at one document", () => {
    expect(validatedOperations.size).toBe(documents.length);
  });
});

describe("the source scan (it can find what it must refuse)", () => {
  it("rejects an inline document in an area file, an anonymous one and the shorthand, but not the word query", () => {
    const text = "const q = `\n  query Sneaky($sku: String) { products { items { sku } } }`;\nconst a = \"{ storeConfig { code } }\";\nconst m = 'mutation { x }';\nthrow new Error(\"query\");";
    expect(findWrittenDocuments("src/sneaky.ts", text)).toEqual([
      { file: "src/sneaky.ts", operation: "Sneaky" },
      { file: "src/sneaky.ts", operation: "(anonymous)" },
      { file: "src/sneaky.ts", operation: "(anonymous)" },
    ]);
  });

  it("rejects a request whose document is built in place", () => {
    const text = "await deps.graphql.request(\"x\", `query X { ${fields} }`, {}, ctx);\nawait graphql.request(\"y\", productQuery, {}, ctx);";
    expect(findRequestCalls("src/x.ts", text)).toEqual([
      { file: "src/x.ts", line: 1, document: undefined },
      { file: "src/x.ts", line: 2, document: "productQuery" },
    ]);
  });
});
