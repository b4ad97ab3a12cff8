import { describe, expect, it } from "vitest";
import { checkFiles, planText, summarize } from "./helpers.ts";

const entry = (yaml: string) => `match:\n${yaml}`;

describe("meaning across plans", () => {
  it("rejects a duplicate id, naming both files", () => {
    expect(summarize(checkFiles({ "a.yaml": planText("pdp"), "b.yaml": `# second\n${planText("pdp", entry("  - path: /x\n"))}` }))).toEqual([
      'b.yaml:2:5 duplicate-id id "pdp" is used by both a.yaml:1 and b.yaml:2 | give each plan a unique id; the id names its flag, metrics and log lines',
    ]);
  });

  it.each([
    ["an unknown target close to a known one", planText("p", entry("  - path: /x\n"), "new-fronted"),
      'p.yaml:2:9 unknown-target target "new-fronted" is not a known upstream | did you mean "new-frontend"? known upstreams: legacy, new-frontend'],
    ["an unknown target far from all", planText("p", entry("  - path: /x\n"), "checkout-service"),
      "p.yaml:2:9 unknown-target target \"checkout-service\" is not a known upstream | use one of the known upstreams: legacy, new-frontend, or configure \"checkout-service\": UPSTREAM_CHECKOUT_SERVICE_URL=<url> in the proxy's env (offline: plans validate --target checkout-service)"],
    ["an unknown fallback", planText("p", `${entry("  - path: /x\n")}fallback: legasy\n`),
      'p.yaml:5:11 unknown-target fallback "legasy" is not a known upstream | did you mean "legacy"? known upstreams: legacy, new-frontend'],
  ])("rejects %s", (_name, text, expected) => {
    expect(summarize(checkFiles({ "p.yaml": text }))).toEqual([expected]);
  });

  it.each([
    ["a glob not starting with /", "  - path: gear/**\n",
      'p.yaml:4:11 invalid-pattern path pattern "gear/**" must start with "/" | write it as "/gear/**"'],
    ["** inside a segment", "  - path: /gear/a**\n",
      'p.yaml:4:11 invalid-pattern path pattern "/gear/a**" has "**" that is not the whole last segment | use "**" only as the last segment, e.g. "/gear/**"'],
    ["** before the last segment", "  - path: /**/x.html\n",
      'p.yaml:4:11 invalid-pattern path pattern "/**/x.html" has "**" that is not the whole last segment | use "**" only as the last segment, e.g. "/gear/**"'],
    ["a question mark", "  - path: /search?q=1\n",
      'p.yaml:4:11 invalid-pattern path pattern "/search?q=1" contains "?" | match query parameters with "query:", or use "regex:" for a one-character wildcard'],
    ["brace alternatives", "  - path: /{a,b}.html\n",
      'p.yaml:4:11 invalid-pattern path pattern "/{a,b}.html" uses unsupported glob syntax "{" | use "regex:" for alternatives and character classes'],
    ["a regex that does not compile", "  - path: 'regex:^/gear/(bags'\n",
      'p.yaml:4:11 invalid-pattern path pattern "regex:^/gear/(bags" is not a valid regex: Unterminated group | fix the regex (JavaScript syntax); escape literal characters such as . ( ) [ with a backslash'],
    ["an empty regex", "  - path: 'regex: '\n",
      'p.yaml:4:11 invalid-pattern path pattern "regex: " has an empty regex | write a regex after "regex:", e.g. "regex:^/gear/"'],
    ["a host with a wildcard in the middle", "  - host: shop.*.com\n",
      'p.yaml:4:11 invalid-pattern host pattern "shop.*.com" is not a host name | write a host name ("shop.example.com"), optionally with a leading "*." for sub-domains'],
    ["an entry without predicates", "  - methods: [GET]\n",
      "p.yaml:4:5 empty-match match entry has no predicate, so it would match every request | add at least one of path, pageType, query, header, cookie, host, store, graphql"],
  ])("rejects %s", (_name, match, expected) => {
    expect(summarize(checkFiles({ "p.yaml": planText("p", entry(match)) }))).toEqual([expected]);
  });

  it("rejects a flag used by two plans, pointing at the second flag", () => {
    const a = planText("a", `${entry("  - path: /a\n")}flag: shared.flag\n`);
    const b = planText("b", `${entry("  - path: /b\n")}flag: shared.flag\n`);
    expect(summarize(checkFiles({ "a.yaml": a, "b.yaml": b }))).toEqual([
      'b.yaml:5:7 flag-collision flag "shared.flag" is used by both plan "a" (a.yaml:1) and plan "b" (b.yaml:1) | give each plan its own flag, e.g. "flag: strangler.b"',
    ]);
  });

  it("rejects a flag that equals another plan's default flag, pointing at the id when defaulted", () => {
    const a = planText("a", `${entry("  - path: /a\n")}flag: strangler.b\n`);
    const b = planText("b", entry("  - path: /b\n"));
    expect(summarize(checkFiles({ "a.yaml": a, "b.yaml": b }))[0]).toMatch(/^b\.yaml:1:5 flag-collision flag "strangler\.b" is used by both plan "a"/);
  });
});

describe("overlapping matches", () => {
  const overlapProblem = (a: string, b: string) => summarize(checkFiles({ "a.yaml": planText("a", entry(a)), "b.yaml": planText("b", entry(b)) }));

  it.each([
    ["identical paths", "  - path: /sale.html\n", "  - path: /sale.html\n", "match[0]: path /sale.html", "match[0]: path /sale.html"],
    ["a glob and a path inside it", "  - path: /gear/**\n", "  - path: /gear/bags/joust.html\n", "match[0]: path /gear/**", "match[0]: path /gear/bags/joust.html"],
    ["two globs that share paths", "  - path: /gear/*.html\n", "  - path: /*/bags.html\n", "match[0]: path /gear/*.html", "match[0]: path /*/bags.html"],
    ["a regex and a path it matches", "  - path: 'regex:^/gear/'\n", "  - path: /gear/x\n", "match[0]: path regex:^/gear/", "match[0]: path /gear/x"],
    ["the same page type", "  - pageType: PRODUCT\n", "  - pageType: PRODUCT\n    methods: [HEAD]\n", "match[0]: pageType PRODUCT", "match[0]: pageType PRODUCT"],
    ["graphql entries with the same root fields", "  - graphql: { rootFields: [products] }\n", "  - graphql: { rootFields: [products], argument: search }\n",
      "match[0]: path /graphql, graphql {products}", "match[0]: path /graphql, graphql {products}"],
    ["a later entry of the second plan", "  - path: /a\n", "  - path: /b\n  - path: /a\n    header: { x-beta: '1' }\n", "match[0]: path /a", "match[1]: path /a, header x-beta"],
  ])("rejects %s at equal priority", (_name, a, b, left, right) => {
    const problems = overlapProblem(a, b);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`b.yaml:${right.startsWith("match[1]") ? 5 : 4}:5 overlapping-match plans "a" (a.yaml:1, ${left}) and "b" (${right}) can match the same request at equal priority 0 | give one a higher priority or narrow its match`);
  });

  it.each([
    ["different paths", "  - path: /a\n", "  - path: /b\n"],
    ["disjoint globs", "  - path: /gear/*.html\n", "  - path: /women/**\n"],
    ["different page types", "  - pageType: PRODUCT\n", "  - pageType: CATEGORY\n"],
    ["disjoint methods", "  - path: /a\n    methods: [POST]\n", "  - path: /a\n"],
    ["different stores", "  - path: /a\n    store: default\n", "  - path: /a\n    store: b2b\n"],
    ["different hosts", "  - path: /a\n    host: a.example.com\n", "  - path: /a\n    host: b.example.com\n"],
    ["different values of one header", "  - path: /a\n    header: { x-beta: '1' }\n", "  - path: /a\n    header: { x-beta: '2' }\n"],
    ["different query values", "  - path: /s\n    query: { q: shoes }\n", "  - path: /s\n    query: { q: bags }\n"],
    ["a path plan and a page-type plan", "  - path: /catalogsearch/result/\n", "  - pageType: PRODUCT\n"],
    ["graphql entries with different root fields", "  - graphql: { rootFields: [products] }\n", "  - graphql: { rootFields: [products, categories] }\n"],
    ["graphql entries with different operation names", "  - graphql: { operationName: A }\n", "  - graphql: { operationName: B }\n"],
  ])("accepts %s at equal priority", (_name, a, b) => {
    expect(overlapProblem(a, b)).toEqual([]);
  });

  it("accepts overlapping plans of different priority", () => {
    const a = planText("a", `${entry("  - path: /gear/**\n")}priority: 1\n`);
    expect(checkFiles({ "a.yaml": a, "b.yaml": planText("b", entry("  - path: /gear/bags.html\n")) })).toEqual([]);
  });

  it("accepts an overlap with a parked plan", () => {
    const a = planText("a", `${entry("  - path: /gear/**\n")}enabled: false\n`);
    expect(checkFiles({ "a.yaml": a, "b.yaml": planText("b", entry("  - path: /gear/bags.html\n")) })).toEqual([]);
  });
});
