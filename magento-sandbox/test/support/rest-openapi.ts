/**
 * Validates REST bodies against Magento 2.4.8's Swagger 2.0 definitions
 * (data/rest/admin-schema-2.4.8.yaml, the superset of the guest and customer files). Definitions
 * become JSON Schema draft-07 with two deliberate changes:
 * - objects with declared properties refuse unknown ones (a misspelt field fails the test);
 * - required properties may be null, because Magento's serializer writes null for unset
 *   required fields (a guest cart's `customer.firstname`, totals' `weee_tax_applied_amount`);
 * - `error-parameters` is what Magento really sends (docs/commerce-webapi/get-started/
 *   gs-web-api-response.md): a positional string array for `%1`, an object for `%name`. The
 *   generated Swagger's array of `{resources, fieldName, fieldValue}` objects is neither.
 */
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { parse } from "yaml";
import { REST_SCHEMA_FILE } from "../../src/data-files.ts";

type JsonSchema = Record<string, unknown>;

function convert(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "xml" || key === "example") continue;
    if (key === "$ref" && typeof value === "string") out.$ref = `magento${value}`;
    else if (key === "properties") out.properties = convertProperties(value as Record<string, JsonSchema>, schema.required as string[] | undefined);
    else if (key === "items") out.items = convert(value as JsonSchema);
    else out[key] = value;
  }
  if (out.properties && Object.keys(out.properties as object).length > 0) out.additionalProperties = false;
  return out;
}

function convertProperties(properties: Record<string, JsonSchema>, required: string[] = []) {
  return Object.fromEntries(
    Object.entries(properties).map(([name, prop]) => {
      const converted = convert(prop);
      return [name, required.includes(name) ? { anyOf: [converted, { type: "null" }] } : converted];
    }),
  );
}

let ajv: Ajv.Ajv | undefined;

function getAjv(): Ajv.Ajv {
  if (ajv) return ajv;
  const document = parse(readFileSync(REST_SCHEMA_FILE, "utf8")) as { definitions: Record<string, JsonSchema> };
  const definitions: Record<string, JsonSchema> = Object.fromEntries(
    Object.entries(document.definitions).map(([n, s]) => [n, convert(s)]),
  );
  const named = { ...(definitions["error-parameters-item"] ?? {}), additionalProperties: { type: "string" } };
  definitions["error-parameters"] = { oneOf: [{ type: "array", items: { type: "string" } }, named] };
  ajv = new Ajv({ allErrors: true, unknownFormats: "ignore" });
  ajv.addSchema({ $id: "magento", definitions });
  return ajv;
}

/** A response schema: a definition name, or an inline schema whose refs name definitions. */
export type ResponseSchema = string | JsonSchema;

/** Throws with every violation when `body` does not conform. */
export function assertConforms(body: unknown, schema: ResponseSchema): void {
  const validator = getAjv();
  const target = typeof schema === "string" ? { $ref: `magento#/definitions/${schema}` } : convert(schema);
  const valid = validator.validate(target, body);
  if (!valid) {
    const label = typeof schema === "string" ? schema : JSON.stringify(schema);
    throw new Error(`Body does not conform to ${label}: ${validator.errorsText(validator.errors, { separator: "\n" })}`);
  }
}
