// Regenerates plan.schema.json from the zod schema (`npm run -w migration-plans schema`).
// test/schema-file.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { planJsonSchema } from "../src/schema.ts";

export const SCHEMA_FILE = join(import.meta.dirname, "..", "plan.schema.json");

export function renderSchema(): string {
  return `${JSON.stringify(planJsonSchema, null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(SCHEMA_FILE, renderSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
