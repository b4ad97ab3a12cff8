// Every REST endpoint the adapters call exists as a GET in Magento 2.4.8's Swagger, answers the
// definition we read, and that definition has every field the reshape reads.
import { readFileSync } from "node:fs";
import { REST_SCHEMA_FILE } from "@strangler/magento-sandbox/data-files";
import { describe, expect, it } from "vitest";
import { fillRestPath, restEndpoints } from "../../src/magento/rest-paths.ts";

const swagger = readFileSync(REST_SCHEMA_FILE, "utf8");
const fieldsRead: Record<string, string[]> = {
  "quote-data-totals-interface": ["grand_total", "subtotal", "discount_amount", "shipping_amount", "tax_amount", "quote_currency_code", "items_qty", "total_segments"],
};

/** The YAML block of a top-level key at `indent` spaces, up to the next key at the same indent. */
function blockOf(key: string, indent: number): string {
  const lines = swagger.split("\n");
  const start = lines.findIndex((line) => line === `${" ".repeat(indent)}${key}:`);
  if (start < 0) return "";
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line.slice(indent)) && line.startsWith(" ".repeat(indent)) && line[indent] !== " ");
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

describe("REST endpoints against the 2.4.8 Swagger", () => {
  it.each(Object.entries(restEndpoints))("accepts %s", (_name, endpoint) => {
    const path = blockOf(`"${endpoint.path}"`, 2);
    expect(path).toContain("\n    get:");
    expect(path.split("\n    post:")[0]).toContain(`"$ref": "#/definitions/${endpoint.definition}"`);
    const definition = blockOf(endpoint.definition, 2);
    for (const field of fieldsRead[endpoint.definition] ?? []) expect(definition).toContain(`\n      ${field}:`);
  });

  it("rejects a path the Swagger does not have (the check can fail)", () => {
    expect(blockOf('"/V1/guest-carts/{cartId}/no-such-thing"', 2)).toBe("");
  });

  it.each([
    ["/V1/guest-carts/{cartId}/totals", { cartId: "a b" }, "guest-carts/a%20b/totals"],
    ["/V1/carts/mine/totals", {}, "carts/mine/totals"],
  ])("fills %s", (template, params, expected) => {
    expect(fillRestPath(template, params)).toBe(expected);
  });

  it("rejects a missing path parameter", () => {
    expect(() => fillRestPath("/V1/guest-carts/{cartId}/totals")).toThrow("fillRestPath: missing cartId for /V1/guest-carts/{cartId}/totals");
  });
});
