import { describe, expect, it } from "vitest";
import { checkPlanTexts } from "../src/load.ts";
import { checkFiles, KNOWN_TARGETS } from "./helpers.ts";

describe("plan shape", () => {
  it.each([
    ["a minimal plan", "id: p\ntarget: new-frontend\nmatch:\n  - pageType: PRODUCT\n"],
    ["every field", [
      "id: product-pages", "description: PDPs", "owner: team-catalog", "labels: [demo]", "enabled: true",
      "target: new-frontend",
      "match:",
      "  - path: /gear/**",
      "    pageType: PRODUCT",
      "    methods: [GET, HEAD, POST]",
      '    query: { q: "*" }',
      "    header: { X-Foo: bar }",
      "    cookie: { beta: '1' }",
      "    host: shop.example.com",
      "    store: default",
      "flag: strangler.pdp",
      "rollout: { percentage: 25, stickiness: random }",
      "fallback: legacy", "priority: -3", "",
    ].join("\n")],
    ["a parked plan", "id: p\nenabled: false\ntarget: legacy\nmatch: [{ path: /x }]\n"],
    ["a regex path", "id: p\ntarget: new-frontend\nmatch: [{ path: 'regex:^/gear/[a-z-]+\\.html$' }]\n"],
    ["a graphql entry by root field and argument", "id: p\ntarget: new-frontend\nmatch: [{ graphql: { rootFields: [products], argument: search } }]\n"],
    ["a graphql entry by operation name with a path and methods", "id: p\ntarget: new-frontend\nmatch: [{ path: /default/graphql, methods: [POST], graphql: { operationName: ProductSearch } }]\n"],
    ["rollout edges 0 and 100", "id: p\ntarget: new-frontend\nmatch: [{ path: /x }]\nrollout: { percentage: 100 }\n"],
    ["stage shadow with a fractional sample", "id: p\ntarget: new-frontend\nmatch: [{ path: /x }]\nstage: shadow\nshadow: { sample: 0.5 }\n"],
    ["stage off", "id: p\ntarget: new-frontend\nmatch: [{ path: /x }]\nstage: off\n"],
  ])("accepts %s", (_name, text) => {
    expect(checkFiles({ "p.yaml": text })).toEqual([]);
  });

  it.each([
    ["an unknown stage", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nstage: shadw\n",
      "p.yaml:4:8 invalid-shape stage must be one of shadow, split, off, got \"shadw\" | did you mean \"shadow\"?"],
    ["a shadow sample above 100", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nstage: shadow\nshadow: { sample: 150 }\n",
      "p.yaml:5:19 invalid-shape shadow.sample must be at most 100, got 150 | use a percent from 0 to 100, e.g. \"shadow: { sample: 5 }\""],
    ["shadow settings outside stage shadow", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nshadow: { sample: 5 }\n",
      "p.yaml:4:9 invalid-shape shadow settings apply only in stage shadow, and this plan's stage is split (the default) | add \"stage: shadow\", or remove the shadow settings"],
    ["a misspelt key in shadow", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nstage: shadow\nshadow: { sampel: 5 }\n",
      "p.yaml:5:11 unknown-key unknown key \"sampel\" in shadow | did you mean \"sample\"?"],
    ["a misspelt top-level key", "id: p\ntarget: legacy\npriorty: 2\nmatch: [{ path: /x }]\n",
      "p.yaml:3:1 unknown-key unknown key \"priorty\" in the plan | did you mean \"priority\"?"],
    ["a misspelt key in a match entry", "id: p\ntarget: legacy\nmatch:\n  - pagetype: PRODUCT\n    path: /x\n",
      "p.yaml:4:5 unknown-key unknown key \"pagetype\" in match[0] | did you mean \"pageType\"?"],
    ["an unknown key far from any known one", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nrollout: { percentage: 5, zzzzzz: 1 }\n",
      "p.yaml:4:27 unknown-key unknown key \"zzzzzz\" in rollout | remove it; allowed keys here: percentage, stickiness, steps, bakeSeconds, evaluateSeconds, onBreach, guardrails"],
    ["a missing target", "id: p\nmatch: [{ path: /x }]\n",
      "p.yaml:1:1 invalid-shape missing required key \"target\" | name the upstream that serves the matched traffic, e.g. \"target: new-frontend\""],
    ["a bad id", "id: Product_Pages\ntarget: legacy\nmatch: [{ path: /x }]\n",
      "p.yaml:1:5 invalid-shape id \"Product_Pages\" has an invalid format | use lower-case letters, digits and single dashes, e.g. \"id: product-pages\""],
    ["an empty match list", "id: p\ntarget: legacy\nmatch: []\n",
      "p.yaml:3:8 invalid-shape match must not be empty | add at least one entry, e.g. \"match: [{ pageType: PRODUCT }]\""],
    ["a misspelt page type", "id: p\ntarget: legacy\nmatch: [{ pageType: PRODCT }]\n",
      "p.yaml:3:21 invalid-shape match[0].pageType must be one of PRODUCT, CATEGORY, CMS_PAGE, got \"PRODCT\" | did you mean \"PRODUCT\"?"],
    ["a lower-case method", "id: p\ntarget: legacy\nmatch: [{ path: /x, methods: [get] }]\n",
      "p.yaml:3:31 invalid-shape match[0].methods[0] must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got \"get\" | did you mean \"GET\"?"],
    ["a priority that is a string", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\npriority: high\n",
      "p.yaml:4:11 invalid-shape priority must be a number, got \"high\" | use a whole number; higher wins among overlapping plans"],
    ["match written as a mapping", "id: p\ntarget: legacy\nmatch: { path: /x }\n",
      "p.yaml:3:8 invalid-shape match must be a list, got a mapping | add at least one entry, e.g. \"match: [{ pageType: PRODUCT }]\""],
    ["a rollout above 100", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nrollout: { percentage: 150 }\n",
      "p.yaml:4:24 invalid-rollout rollout.percentage must be a whole number from 0 to 100, got 150 | use a whole number from 0 to 100"],
    ["a negative rollout", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nrollout:\n  percentage: -1\n",
      "p.yaml:5:15 invalid-rollout rollout.percentage must be a whole number from 0 to 100, got -1 | use a whole number from 0 to 100"],
    ["a fractional rollout", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nrollout: { percentage: 12.5 }\n",
      "p.yaml:4:24 invalid-rollout rollout.percentage must be a whole number from 0 to 100, got 12.5 | use a whole number from 0 to 100"],
    ["a cookie value YAML reads as a number", "id: p\ntarget: legacy\nmatch: [{ path: /x, cookie: { beta: 1 } }]\n",
      'p.yaml:3:37 invalid-shape match[0].cookie.beta must be a string, got 1 | quote it so YAML reads it as text: "1"'],
    ["an empty query parameter name", "id: p\ntarget: legacy\nmatch: [{ path: /x, query: { '': a } }]\n",
      "p.yaml:3:30 invalid-shape match[0].query has an empty name | give every name at least one character"],
    ["userId stickiness, which a stock Magento cannot fill", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\nrollout: { percentage: 5, stickiness: userId }\n",
      "p.yaml:4:39 invalid-shape rollout.stickiness must be one of sessionId, random, got \"userId\" | use \"sessionId\" (signed-in shoppers keep their side too: sign-in does not change strangler_sid) or \"random\"; \"userId\" is not offered because a stock Magento exposes no customer id to the proxy"],
    ["a graphql entry naming nothing", "id: p\ntarget: legacy\nmatch: [{ graphql: {} }]\n",
      'p.yaml:3:20 invalid-shape match graphql names neither an operation nor root fields | add operationName or rootFields, e.g. "graphql: { rootFields: [products], argument: search }"'],
    ["a graphql argument without root fields", "id: p\ntarget: legacy\nmatch: [{ graphql: { operationName: Q, argument: search } }]\n",
      'p.yaml:3:50 invalid-shape match graphql argument needs rootFields to carry it | list the root fields, e.g. "rootFields: [products]"'],
    ["a graphql entry with a page type", "id: p\ntarget: legacy\nmatch: [{ pageType: PRODUCT, graphql: { rootFields: [products] } }]\n",
      "p.yaml:3:21 invalid-shape match entry has both graphql and pageType | a GraphQL request has no page type: split them into two entries"],
    ["a graphql entry for DELETE", "id: p\ntarget: legacy\nmatch: [{ methods: [POST, DELETE], graphql: { rootFields: [products] } }]\n",
      "p.yaml:3:20 invalid-shape match graphql reads GET and POST requests only, got DELETE | use methods [GET, POST] or leave methods out"],
    ["a graphql root field that is not a GraphQL name", "id: p\ntarget: legacy\nmatch: [{ graphql: { rootFields: [product-list] } }]\n",
      'p.yaml:3:35 invalid-shape match[0].graphql.rootFields[0] "product-list" has an invalid format | list root field names, e.g. "rootFields: [products]"'],
    ["a misspelt graphql key", "id: p\ntarget: legacy\nmatch: [{ graphql: { rootField: [products] } }]\n",
      'p.yaml:3:22 unknown-key unknown key "rootField" in match[0].graphql | did you mean "rootFields"?'],
    ["a list instead of a plan", "- id: p\n",
      "p.yaml:1:1 invalid-shape a plan file must hold a mapping of plan fields, got a list | start from an example in migration-plans/plans/"],
    ["an empty file", "",
      "p.yaml:1:1 invalid-shape a plan file must hold a mapping of plan fields, got nothing (the file is empty) | start from an example in migration-plans/plans/"],
  ])("rejects %s", (_name, text, expected) => {
    const problems = checkFiles({ "p.yaml": text });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message} | ${p.fix}`)).toEqual([expected]);
  });

  it("applies the documented defaults", () => {
    const result = checkPlanTexts([{ file: "p.yaml", text: "# comment\nid: p\ntarget: new-frontend\nmatch: [{ path: /x }]\n" }], { knownTargets: KNOWN_TARGETS });
    expect(result).toEqual({
      ok: true,
      disabled: [],
      plans: [{
        id: "p", labels: [], enabled: true, target: "new-frontend",
        match: [{ methods: ["GET", "HEAD"], path: { kind: "exact", raw: "/x", value: "/x" } }],
        flag: "strangler.p", rollout: { percentage: 0, stickiness: "sessionId" }, fallback: "legacy", priority: 0, stage: "split", shadowSample: 10,
        source: { file: "p.yaml", line: 2 },
      }],
    });
  });

  it("returns parked plans apart from the routing ones", () => {
    const result = checkPlanTexts([
      { file: "a.yaml", text: "id: a\nenabled: false\ntarget: new-frontend\nmatch: [{ path: /x }]\n" },
      { file: "b.yaml", text: "id: b\ntarget: new-frontend\nmatch: [{ path: /x }]\n" },
    ], { knownTargets: KNOWN_TARGETS });
    expect(result.ok && [result.plans.map((p) => p.id), result.disabled.map((p) => p.id)]).toEqual([["b"], ["a"]]);
  });

  it("lower-cases header names and hosts", () => {
    const result = checkPlanTexts([{ file: "p.yaml", text: "id: p\ntarget: legacy\nmatch: [{ host: Shop.Example.COM, header: { X-Beta: On } }]\n" }], { knownTargets: KNOWN_TARGETS });
    expect(result.ok && result.plans[0]?.match[0]).toEqual({ methods: ["GET", "HEAD"], host: "shop.example.com", header: { "x-beta": "On" } });
  });
});
