import { describe, expect, it } from "vitest";
import { compileMatcher } from "../src/compile-matcher.ts";
import { InvalidPatternError } from "../src/errors.ts";
import { checkPlanTexts } from "../src/load.ts";
import type { GraphqlOperation, MatchEntry, MatchInput } from "../src/types.ts";
import { KNOWN_TARGETS } from "./helpers.ts";

/** Builds the entry the way the proxy gets it: from YAML through the loader. */
function entryFrom(yaml: string): MatchEntry {
  const result = checkPlanTexts([{ file: "p.yaml", text: `id: p\ntarget: new-frontend\nmatch:\n  - ${yaml}\n` }], { knownTargets: KNOWN_TARGETS });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plans[0]!.match[0]!;
}

function request(overrides: Partial<Omit<MatchInput, "query">> & { query?: string } = {}): MatchInput {
  const { query, ...rest } = overrides;
  return { method: "GET", path: "/", host: "shop.example.com", headers: {}, cookies: {}, storeCode: "default", query: new URLSearchParams(query ?? ""), ...rest };
}

type Row = [string, string, Parameters<typeof request>[0]];

const products = (args: string[] = ["search"], type: GraphqlOperation["type"] = "query", name?: string): GraphqlOperation =>
  ({ type, name, rootFields: [{ name: "products", arguments: args }] });
const gql = (graphql: GraphqlOperation, method = "POST") => ({ path: "/graphql", method, graphql });

const accepted: Row[] = [
  ["an exact path", "path: /sale.html", { path: "/sale.html" }],
  ["a one-segment glob", "path: /gear/*", { path: "/gear/bags" }],
  ["a one-segment glob on a trailing slash", "path: /catalogsearch/result/*", { path: "/catalogsearch/result/" }],
  ["a glob inside a segment", "path: /gear/*.html", { path: "/gear/joust-duffle-bag.html" }],
  ["a rest glob on its own prefix", "path: /gear/**", { path: "/gear" }],
  ["a rest glob deep", "path: /gear/**", { path: "/gear/bags/joust.html" }],
  ["a rest glob with a wildcard prefix", "path: /*/bags/**", { path: "/gear/bags/x/y" }],
  ["a regex", "path: 'regex:^/[a-z-]+\\.html$'", { path: "/joust-duffle-bag.html" }],
  ["HEAD by default", "path: /x", { path: "/x", method: "HEAD" }],
  ["a listed method", "{ path: /x, methods: [POST] }", { path: "/x", method: "POST" }],
  ["a lower-case request method", "{ path: /x, methods: [POST] }", { path: "/x", method: "post" }],
  ["a header value", "{ path: /x, header: { X-Beta: 'on' } }", { path: "/x", headers: { "x-beta": "on" } }],
  ["a header present", "{ path: /x, header: { x-beta: '*' } }", { path: "/x", headers: { "x-beta": "" } }],
  ["a cookie value", "{ path: /x, cookie: { beta: '1' } }", { path: "/x", cookies: { beta: "1" } }],
  ["a cookie present", "{ path: /x, cookie: { beta: '*' } }", { path: "/x", cookies: { beta: "anything" } }],
  ["a query parameter present", "{ path: /s, query: { q: '*' } }", { path: "/s", query: "q=" }],
  ["a query parameter present in PHP's bracketed form", "{ path: /rest/*/V1/products, query: { searchCriteria: '*' } }",
    { path: "/rest/default/V1/products", query: "searchCriteria[pageSize]=5" }],
  ["a query value among repeats", "{ path: /s, query: { q: bags } }", { path: "/s", query: "q=shoes&q=bags" }],
  ["a host in another case with a port", "{ path: /x, host: shop.example.com }", { path: "/x", host: "SHOP.Example.com:8080" }],
  ["a sub-domain wildcard", "{ path: /x, host: '*.example.com' }", { path: "/x", host: "de.example.com" }],
  ["a host with port", "{ path: /x, host: 'shop.example.com:8443' }", { path: "/x", host: "shop.example.com:8443" }],
  ["a store code", "{ path: /x, store: b2b }", { path: "/x", storeCode: "b2b" }],
  ["a page type", "pageType: PRODUCT", { path: "/joust-duffle-bag.html", pageType: "PRODUCT" }],
  ["a graphql query by root field and argument", "graphql: { rootFields: [products], argument: search }", gql(products())],
  ["a graphql query sent as GET", "graphql: { rootFields: [products] }", gql(products([]), "GET")],
  ["a graphql query by operation name", "graphql: { operationName: ProductSearch }", gql(products([], "query", "ProductSearch"))],
  ["a graphql query with a root field twice (aliases)", "graphql: { rootFields: [products], argument: search }",
    gql({ type: "query", name: undefined, rootFields: [{ name: "products", arguments: ["search"] }, { name: "products", arguments: ["search", "filter"] }] })],
  ["a graphql query with two listed root fields", "graphql: { rootFields: [products, categories] }",
    gql({ type: "query", name: undefined, rootFields: [{ name: "categories", arguments: [] }, { name: "products", arguments: [] }] })],
  ["a graphql query on another path", "{ path: /default/graphql, graphql: { rootFields: [products] } }", { ...gql(products()), path: "/default/graphql" }],
  ["every predicate at once", "{ path: /gear/**, pageType: CATEGORY, methods: [GET], header: { x-a: '1' }, cookie: { c: '2' }, query: { p: '3' }, host: shop.example.com, store: default }",
    { path: "/gear/bags.html", pageType: "CATEGORY", headers: { "x-a": "1" }, cookies: { c: "2" }, query: "p=3" }],
];

const rejected: Row[] = [
  ["another exact path", "path: /sale.html", { path: "/sale.htm" }],
  ["a path in another case (paths are case-sensitive)", "path: /sale.html", { path: "/Sale.html" }],
  ["two segments for a one-segment glob", "path: /gear/*", { path: "/gear/bags/x" }],
  ["the parent of a one-segment glob", "path: /gear/*", { path: "/gear" }],
  ["a sibling prefix of a rest glob", "path: /gear/**", { path: "/gearbox" }],
  ["a glob suffix that differs", "path: /gear/*.html", { path: "/gear/bag.json" }],
  ["a regex that does not match", "path: 'regex:^/[a-z-]+\\.html$'", { path: "/gear/x.html" }],
  ["POST by default", "path: /x", { path: "/x", method: "POST" }],
  ["a method not listed", "{ path: /x, methods: [POST] }", { path: "/x", method: "GET" }],
  ["a missing header", "{ path: /x, header: { x-beta: '*' } }", { path: "/x" }],
  ["another header value", "{ path: /x, header: { x-beta: 'on' } }", { path: "/x", headers: { "x-beta": "off" } }],
  ["a missing cookie", "{ path: /x, cookie: { beta: '*' } }", { path: "/x", cookies: { other: "1" } }],
  ["a missing query parameter", "{ path: /s, query: { q: '*' } }", { path: "/s", query: "p=1" }],
  ["a parameter that only starts with the name", "{ path: /s, query: { searchCriteria: '*' } }", { path: "/s", query: "searchCriteriaX=1" }],
  ["another query value", "{ path: /s, query: { q: bags } }", { path: "/s", query: "q=shoes" }],
  ["another host", "{ path: /x, host: shop.example.com }", { path: "/x", host: "evil.example.com" }],
  ["the bare domain for a sub-domain wildcard", "{ path: /x, host: '*.example.com' }", { path: "/x", host: "example.com" }],
  ["another port", "{ path: /x, host: 'shop.example.com:8443' }", { path: "/x", host: "shop.example.com:8080" }],
  ["another store", "{ path: /x, store: b2b }", { path: "/x", storeCode: "default" }],
  ["another page type", "pageType: PRODUCT", { path: "/gear.html", pageType: "CATEGORY" }],
  ["an unresolved page type", "pageType: PRODUCT", { path: "/gear.html" }],
  ["a graphql mutation", "graphql: { rootFields: [products] }", gql(products([], "mutation"))],
  ["a graphql subscription", "graphql: { rootFields: [products] }", gql(products([], "subscription"))],
  ["a graphql query with a root field of another owner", "graphql: { rootFields: [products] }",
    gql({ type: "query", name: undefined, rootFields: [{ name: "products", arguments: [] }, { name: "categories", arguments: [] }] })],
  ["a graphql query missing a listed root field", "graphql: { rootFields: [products, categories] }", gql(products())],
  ["a graphql query without the argument", "graphql: { rootFields: [products], argument: search }", gql(products(["filter"]))],
  ["a graphql query of another name", "graphql: { operationName: ProductSearch }", gql(products([], "query", "Other"))],
  ["a graphql query with only __typename", "graphql: { rootFields: [products] }", gql({ type: "query", name: undefined, rootFields: [] })],
  ["a graphql request not read", "graphql: { rootFields: [products] }", { path: "/graphql", method: "POST" }],
  ["a graphql query on another path", "graphql: { rootFields: [products] }", { ...gql(products()), path: "/rest/V1/products" }],
  ["a graphql query as PUT", "graphql: { rootFields: [products] }", gql(products(), "PUT")],
];

describe("compileMatcher", () => {
  it.each(accepted)("accepts %s", (_name, yaml, input) => {
    expect(compileMatcher(entryFrom(yaml)).matches(request(input))).toBe(true);
  });

  it.each(rejected)("rejects %s", (_name, yaml, input) => {
    expect(compileMatcher(entryFrom(yaml)).matches(request(input))).toBe(false);
  });

  it("asks for the page type only for page-type entries, and pre-filters without it", () => {
    const product = compileMatcher(entryFrom("pageType: PRODUCT"));
    expect(product.needsPageType).toBe("PRODUCT");
    expect(product.matchesIgnoringPageType(request({ path: "/x.html" }))).toBe(true);
    expect(product.matchesIgnoringPageType(request({ path: "/x.html", method: "POST" }))).toBe(false);
    expect(compileMatcher(entryFrom("path: /x")).needsPageType).toBeUndefined();
  });

  it("asks for the GraphQL operation only for graphql entries, and pre-filters on method and path without it", () => {
    const search = compileMatcher(entryFrom("graphql: { rootFields: [products], argument: search }"));
    expect(search.needsGraphql).toBe(true);
    expect(search.matchesIgnoringGraphql(request({ path: "/graphql", method: "POST" }))).toBe(true);
    expect(search.matchesIgnoringGraphql(request({ path: "/graphql", method: "GET" }))).toBe(true);
    expect(search.matchesIgnoringGraphql(request({ path: "/graphql", method: "HEAD" }))).toBe(false);
    expect(search.matchesIgnoringGraphql(request({ path: "/customer/account", method: "POST" }))).toBe(false);
    expect(compileMatcher(entryFrom("path: /graphql")).needsGraphql).toBeUndefined();
  });

  it("rejects a hand-built entry whose pattern does not compile", () => {
    const entry: MatchEntry = { methods: ["GET"], path: { kind: "regex", raw: "regex:(", source: "(" } };
    expect(() => compileMatcher(entry)).toThrow(InvalidPatternError);
    expect(() => compileMatcher(entry)).toThrow('path pattern "regex:(" is not a valid regex: Unterminated group; fix the regex');
  });
});
