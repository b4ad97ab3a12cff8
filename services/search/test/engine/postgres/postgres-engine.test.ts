// The PostgreSQL engine's own edges: schema names, concurrent creation, dropping, errors.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { createPostgresEngine } from "../../../src/engine/postgres/postgres-engine.ts";
import { createTextAnalyzer } from "../../../src/text/analyzer.ts";
import { databaseUrl, uniqueSchema } from "../../support/environment.ts";
import { relevance } from "../../support/search-fixture.ts";

const analyzer = createTextAnalyzer(relevance);

async function schemaExists(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe("createPostgresEngine", () => {
  it("creates one schema for replicas starting together, and drops it when asked", async () => {
    const schema = uniqueSchema("engine");
    const engines = await Promise.all([1, 2, 3].map(() => createPostgresEngine({ databaseUrl, schema, relevance, analyzer, dropOnClose: true })));
    expect(await schemaExists(schema)).toBe(true);
    expect(await Promise.all(engines.map((e) => e.count()))).toEqual([0, 0, 0]);
    expect(await engines[0]!.meta()).toBeUndefined();
    for (const engine of engines) await engine.close();
    expect(await schemaExists(schema)).toBe(false);
  });

  it("rejects a schema name that is not one before connecting", async () => {
    await expect(createPostgresEngine({ databaseUrl, schema: 'x"; DROP', relevance, analyzer }))
      .rejects.toThrow('"x"; DROP" is not a schema name (lower-case letters, digits, _; at most 63)');
  });

  it("rejects an unreachable server with an EngineError naming the step", async () => {
    await expect(createPostgresEngine({ databaseUrl: "postgres://postgres@127.0.0.1:1/postgres", schema: uniqueSchema("down"), relevance, analyzer }))
      .rejects.toThrow(/^Could not create the search schema search_test_down_\w+: connect ECONNREFUSED 127\.0\.0\.1:1$/);
  });
});
