import { describe, expect, it } from "vitest";
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { checkLimits, MAX_PARSE_NESTING, measureNesting, measureOperation } from "../../src/graphql/limits.ts";

function measure(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return measureOperation(operation, fragments);
}

describe("measuring queries as graphql-php does", () => {
  it.each([
    ["{ __typename }", 0, 1],
    ["{ storeConfig { store_code } }", 0, 2],
    ["{ a { b { c } d } e }", 1, 5],
    ["{ a { ... on X { b { c } } } }", 1, 3],
    ["{ a { ...F } } fragment F on X { b { c } }", 1, 3],
    ["{ a { ...F } } fragment F on X { b { ...F } }", 1, 2],
  ])("measures %s as depth %i, complexity %i", (query, depth, complexity) => {
    expect(measure(query)).toEqual({ depth, complexity });
  });

  it.each([
    [{ depth: 20, complexity: 300 }, []],
    [{ depth: 21, complexity: 10 }, ["Max query depth should be 20 but got 21."]],
    [{ depth: 3, complexity: 301 }, ["Max query complexity should be 300 but got 301."]],
  ])("checks %j against Magento's limits", (measured, messages) => {
    expect(checkLimits(measured).map((e) => e.message)).toEqual(messages);
  });
});

describe("measuring bracket nesting before parsing", () => {
  it.each([
    ["{ a { b } }", 2],
    ['{ a(s: "{{{{") { b } }', 2],
    ['{ a(s: """ {{{ " {{ """) }', 2],
    ['{ a(s: "\\" {{") }', 2],
    ["{ a # {{{{\n }", 1],
    ["[[[", 3],
  ])("measures %s as %i", (query, depth) => {
    expect(measureNesting(query)).toBe(depth);
  });

  it("stops counting just past the cap", () => {
    expect(measureNesting("{".repeat(100_000))).toBe(MAX_PARSE_NESTING + 1);
  });
});
