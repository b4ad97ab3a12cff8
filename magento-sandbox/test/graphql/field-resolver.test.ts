/** The default resolver behind every schema field: an unimplemented field errors, never a silent null. */
import { describe, expect, it } from "vitest";
import type { GraphQLResolveInfo } from "graphql";
import { createFieldResolver } from "../../src/graphql/field-resolver.ts";
import type { GraphQlContext } from "../../src/graphql/context.ts";
import { GraphQlNotImplementedError } from "../../src/errors.ts";

const info = (fieldName: string) => ({ fieldName, parentType: { name: "SimpleProduct" } }) as unknown as GraphQLResolveInfo;
const context = {} as GraphQlContext;
const resolve = createFieldResolver({ "SimpleProduct.name": () => "from the resolver map" });

describe("the default field resolver", () => {
  it.each([
    ["a resolver-map entry", { name: "ignored" }, "name", "from the resolver map"],
    ["a plain property", { sku: "24-MB01" }, "sku", "24-MB01"],
    ["an explicit null", { special_price: null }, "special_price", null],
    ["a function property, called with the args", { url: (args: { a: number }) => args.a * 2 }, "url", 4],
    ["__typename", {}, "__typename", "SimpleProduct"],
  ])("accepts %s", (_name, source, field, expected) => {
    expect(resolve(source, { a: 2 }, context, info(field))).toEqual(expected);
  });

  it.each([
    ["a field the source lacks", { sku: "x" }, "websites"],
    ["a field the source left undefined", { websites: undefined }, "websites"],
    ["a null source", null, "websites"],
  ])("rejects %s as not implemented", (_name, source, field) => {
    expect(() => resolve(source, {}, context, info(field))).toThrow(GraphQlNotImplementedError);
    expect(() => resolve(source, {}, context, info(field))).toThrow(`Field "SimpleProduct.${field}" is not supported by the Magento sandbox.`);
  });
});
