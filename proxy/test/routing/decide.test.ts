import { describe, expect, it } from "vitest";
import type { MatchInput } from "@strangler/migration-plans";
import type { FlagContext, FlagEvaluation, FlagProvider, Rollout } from "../../src/flags/types.ts";
import { createAdminPathGuard } from "../../src/routing/admin-path.ts";
import { decide, NEEDS_GRAPHQL, NEEDS_PAGE_TYPE } from "../../src/routing/decide.ts";
import type { DecideEnv, GraphqlState, PageTypeState } from "../../src/routing/decide.ts";
import { compileRouteTable } from "../../src/routing/route-table.ts";
import { createPlanRolloutProvider } from "../../src/routing/plan-rollout-provider.ts";
import { plansFromYaml, planYaml } from "../support/proxy.ts";

const plans = await plansFromYaml({
  "products.yaml": planYaml("product-pages", "  - pageType: PRODUCT"),
  "search.yaml": planYaml("search-results", "  - path: /catalogsearch/result/*\n    query: { q: \"*\" }", "priority: 5\n"),
  "cms.yaml": planYaml("about", "  - path: /about-us", "", "search"),
  "half.yaml": planYaml("half", "  - path: /half/**").replace("percentage: 100", "percentage: 50"),
  "posts.yaml": planYaml("reviews", "  - path: /review/post\n    methods: [POST]"),
  "shadowed.yaml": planYaml("shadowed", "  - path: /shadowed/**", "stage: shadow\nshadow: { sample: 25 }\n"),
  "parked-stage.yaml": planYaml("held", "  - path: /held/**", "stage: off\n"),
});
const table = compileRouteTable(plans);

function facts(method: string, path: string, search = "", pageType?: MatchInput["pageType"]): MatchInput {
  return { method, path, host: "shop.test", headers: {}, cookies: {}, query: new URLSearchParams(search), storeCode: "default", pageType };
}

const fixed = (evaluation: FlagEvaluation): FlagProvider => ({ evaluate: () => evaluation, ready: () => true, close: async () => {} });

function env(provider: FlagProvider = createPlanRolloutProvider(), open: string[] = []): DecideEnv {
  return {
    provider, isAdminPath: createAdminPathGuard("/admin", ["default", "fr"]), legacy: "legacy", knownTargets: new Set(["legacy", "new-frontend", "search"]),
    isUpstreamAvailable: (name) => !open.includes(name),
  };
}

function run(input: MatchInput, state: PageTypeState = "resolved", e = env(), sessionId = "shopper-1", forced?: string, isBot = false) {
  const flagContext: FlagContext = { sessionId };
  const decision = decide({ facts: input, flagContext, pageTypeState: state, forcedTarget: forced, isBot }, table, e);
  return { target: decision.target, plan: decision.planId, reason: decision.reason, perShopper: decision.perShopper, needsSession: decision.needsSession };
}

describe("decide", () => {
  it("orders a shadow decision's mirror to the plan's target with the plan's sample", () => {
    const decision = decide({ facts: facts("GET", "/shadowed/a.html"), flagContext: { sessionId: "s" }, pageTypeState: "resolved" }, table, env());
    expect(decision.shadow).toEqual({ planId: "shadowed", target: "new-frontend", sample: 0.25 });
    const split = decide({ facts: facts("GET", "/half/a.html"), flagContext: { sessionId: "s" }, pageTypeState: "resolved" }, table, env());
    expect(split.shadow).toBeUndefined();
  });

  it.each([
    ["an unmatched path", facts("GET", "/checkout/cart/"), { target: "legacy", plan: undefined, reason: "no-route" }],
    ["the admin path", facts("GET", "/admin/dashboard"), { target: "legacy", plan: undefined, reason: "admin-path" }],
    ["the admin path exactly", facts("GET", "/admin"), { target: "legacy", plan: undefined, reason: "admin-path" }],
    ["a path only starting like admin", facts("GET", "/administrator"), { target: "legacy", plan: undefined, reason: "no-route" }],
    ["the admin path behind index.php", facts("GET", "/index.php/admin/sales/order"), { target: "legacy", plan: undefined, reason: "admin-path" }],
    ["the admin path in capitals", facts("GET", "/ADMIN/dashboard"), { target: "legacy", plan: undefined, reason: "admin-path" }],
    ["the admin path behind a store code", facts("GET", "/fr/admin"), { target: "legacy", plan: undefined, reason: "admin-path" }],
    ["a search with q", facts("GET", "/catalogsearch/result/index", "?q=bag"), { target: "new-frontend", plan: "search-results", reason: "rollout" }],
    ["a search without q", facts("GET", "/catalogsearch/result/index"), { target: "legacy", plan: undefined, reason: "no-route" }],
    ["a POST to a GET plan", facts("POST", "/about-us"), { target: "legacy", plan: undefined, reason: "no-route" }],
    ["a POST plan", facts("POST", "/review/post"), { target: "new-frontend", plan: "reviews", reason: "rollout" }],
    ["an extracted service", facts("GET", "/about-us"), { target: "search", plan: "about", reason: "rollout" }],
    ["a resolved product page", facts("GET", "/joust-duffle-bag.html", "", "PRODUCT"), { target: "new-frontend", plan: "product-pages", reason: "rollout" }],
    ["a resolved category page", facts("GET", "/gear.html", "", "CATEGORY"), { target: "legacy", plan: undefined, reason: "no-route" }],
    ["a plan in stage shadow: the fallback, for everyone alike", facts("GET", "/shadowed/a.html"), { target: "legacy", plan: "shadowed", reason: "shadow", perShopper: false }],
    ["a plan in stage off: the fallback", facts("GET", "/held/a.html"), { target: "legacy", plan: "held", reason: "stage-off", perShopper: false }],
  ])("routes %s", (_name, input, expected) => {
    expect(run(input)).toMatchObject(expected);
  });

  it.each([
    ["a shopper mid-ramp: per shopper, sticky by session", false, undefined, { perShopper: true, needsSession: true }],
    ["a cookieless crawler mid-ramp: the plan's fallback, per shopper, no session", true, undefined, { target: "legacy", reason: "crawler", perShopper: true, needsSession: false }],
    ["a cookieless crawler mid-ramp with BOT_SIDE=target", true, "target" as const, { target: "new-frontend", reason: "crawler", perShopper: true, needsSession: false }],
  ])("decides %s", (_name, isBot, crawlerSide, expected) => {
    const e = { ...env(), crawlerSide };
    expect(run(facts("GET", "/half/x"), "resolved", e, "shopper-1", undefined, isBot)).toMatchObject(expected);
  });

  it.each([
    ["a plan at 100 % (the same for everyone)", facts("GET", "/about-us"), { perShopper: false, needsSession: false }],
    ["no plan", facts("GET", "/checkout/cart/"), { perShopper: false, needsSession: false }],
  ])("keeps %s shareable, with no session needed, for crawlers too", (_name, input, expected) => {
    expect(run(input)).toMatchObject(expected);
    expect(run(input, "resolved", env(), "s", undefined, true)).toMatchObject(expected);
  });

  it("marks a forced decision per shopper", () => {
    expect(run(facts("GET", "/about-us"), "resolved", env(), "s", "legacy")).toMatchObject({ reason: "forced", perShopper: true });
  });

  it("asks for the page type before deciding a page-type route", () => {
    const decision = decide({ facts: facts("GET", "/joust-duffle-bag.html"), flagContext: { sessionId: "s" }, pageTypeState: "unknown" }, table, env());
    expect(decision).toBe(NEEDS_PAGE_TYPE);
  });

  it("sends a page whose type failed to resolve to the fallback with page-type-unresolved", () => {
    expect(run(facts("GET", "/joust-duffle-bag.html"), "failed")).toMatchObject({ target: "legacy", plan: "product-pages", reason: "page-type-unresolved" });
  });

  it.each([
    [{ enabled: true, source: "unleash" } as FlagEvaluation, { target: "new-frontend", reason: "flag-on" }],
    [{ enabled: false, source: "unleash" } as FlagEvaluation, { target: "legacy", reason: "flag-off" }],
    [{ enabled: true, source: "unleash-saved" } as FlagEvaluation, { target: "new-frontend", reason: "flag-on-saved" }],
    [{ enabled: false, source: "unleash-saved" } as FlagEvaluation, { target: "legacy", reason: "flag-off-saved" }],
    [{ enabled: true, source: "local" } as FlagEvaluation, { target: "new-frontend", reason: "flag-on" }],
    [{ enabled: false, source: "local" } as FlagEvaluation, { target: "legacy", reason: "flag-off" }],
    [{ enabled: false, source: "unknown" } as FlagEvaluation, { target: "legacy", reason: "flag-unavailable" }],
    [{ enabled: true, source: "unleash", variant: "search" } as FlagEvaluation, { target: "search", reason: "variant" }],
    [{ enabled: true, source: "unleash", variant: "nowhere" } as FlagEvaluation, { target: "new-frontend", reason: "flag-on" }],
  ])("follows the flag %j", (evaluation, expected) => {
    const { target, reason } = run(facts("GET", "/catalogsearch/result/x", "?q=a"), "resolved", env(fixed(evaluation)));
    expect({ target, reason }).toEqual(expected);
  });

  it("sends a plan's traffic to its fallback while the target's circuit is open", () => {
    expect(run(facts("GET", "/about-us"), "resolved", env(undefined, ["search"]))).toMatchObject({ target: "legacy", plan: "about", reason: "circuit-open" });
  });

  it("honours a forced target only when it is a known upstream", () => {
    expect(run(facts("GET", "/x"), "resolved", env(), "s", "new-frontend")).toMatchObject({ target: "new-frontend", plan: undefined, reason: "forced" });
    expect(run(facts("GET", "/x"), "resolved", env(), "s", "evil.example")).toMatchObject({ target: "legacy", plan: undefined, reason: "no-route" });
  });

  it("splits a 50 % rollout by session, the same way on every call", () => {
    const sides = Array.from({ length: 1000 }, (_, i) => run(facts("GET", "/half/a"), "resolved", env(), `sid-${i}`).target);
    const onNew = sides.filter((side) => side === "new-frontend").length;
    expect(onNew).toBeGreaterThan(420);
    expect(onNew).toBeLessThan(580);
    const again = Array.from({ length: 1000 }, (_, i) => run(facts("GET", "/half/b"), "resolved", env(), `sid-${i}`).target);
    expect(again).toEqual(sides);
  });

  it("lets the higher priority plan win where two overlap", () => {
    expect(table.routes[0]!.planId).toBe("search-results");
  });

  it("builds decisions once: the same object for the same outcome", () => {
    const a = decide({ facts: facts("GET", "/about-us"), flagContext: { sessionId: "a" }, pageTypeState: "resolved" }, table, env());
    const b = decide({ facts: facts("GET", "/about-us"), flagContext: { sessionId: "b" }, pageTypeState: "resolved" }, table, env());
    expect(a).toBe(b);
    expect(a.onFailure).toMatchObject({ target: "legacy", reason: "fallback", planId: "about" });
  });
});

describe("createPlanRolloutProvider", () => {
  it("puts shoppers in the same bucket as unleash-client's gradual rollout", async () => {
    const { normalizedStrategyValue } = await import("unleash-client/lib/strategy/util.js");
    const provider = createPlanRolloutProvider();
    const rollout: Rollout = { percentage: 37, stickiness: "sessionId" };
    for (let i = 0; i < 200; i++) {
      const inUnleash = normalizedStrategyValue(`s${i}`, "strangler.x") <= 37;
      expect(provider.evaluate("strangler.x", { sessionId: `s${i}` }, rollout)).toEqual({ enabled: inUnleash, source: "plan-rollout", split: true });
    }
  });

  it.each([[0, false], [100, true]])("at %i %% answers %s for everyone", (percentage, enabled) => {
    const provider = createPlanRolloutProvider();
    for (let i = 0; i < 50; i++) expect(provider.evaluate("f", { sessionId: `s${i}` }, { percentage, stickiness: "sessionId" }).enabled).toBe(enabled);
  });

  it("uses the injected randomness for random stickiness", () => {
    const low = createPlanRolloutProvider({ random: () => 0 });
    const high = createPlanRolloutProvider({ random: () => 0.9999 });
    // Like unleash-client, a draw becomes the value "1".."10001" that is then bucketed: for this flag,
    // draw 0 ("1") lands in bucket 25 and draw 0.9999 ("10000") in bucket 61, so at 50 % they split.
    const rollout = { percentage: 50, stickiness: "random" } as const;
    const results = [low, high].map((p) => p.evaluate("strangler.product-pages", { sessionId: "s" }, rollout).enabled);
    expect(results).toEqual([true, false]);
    expect(low.evaluate("f", { sessionId: "x" }, { percentage: 50, stickiness: "random" })).toEqual(low.evaluate("f", { sessionId: "y" }, { percentage: 50, stickiness: "random" }));
  });
});

const graphqlTable = compileRouteTable(await plansFromYaml({
  "search.yaml": planYaml("catalog-search", "  - graphql: { rootFields: [products], argument: search }", "", "search"),
}));

describe("decide with a graphql route", () => {
  const products = { type: "query" as const, name: undefined, rootFields: [{ name: "products", arguments: ["search"] }] };
  const decideGraphql = (input: MatchInput, graphqlState: GraphqlState) =>
    decide({ facts: input, flagContext: { sessionId: "s" }, pageTypeState: "unknown", graphqlState }, graphqlTable, env());

  it.each([
    ["a POST to /graphql not read yet", facts("POST", "/graphql"), "unknown", "needs-graphql"],
    ["a GET to /graphql not read yet", facts("GET", "/graphql"), "unknown", "needs-graphql"],
    ["a page: nothing to read", facts("GET", "/joust-duffle-bag.html"), "unknown", "legacy no-route"],
    ["a HEAD to /graphql: nothing to read", facts("HEAD", "/graphql"), "unknown", "legacy no-route"],
    ["an unreadable operation", facts("POST", "/graphql"), "failed", "legacy graphql-unreadable"],
    ["a search query", { ...facts("POST", "/graphql"), graphql: products }, "resolved", "search rollout"],
    ["a mutation", { ...facts("POST", "/graphql"), graphql: { ...products, type: "mutation" as const } }, "resolved", "legacy no-route"],
  ])("decides %s", (_name, input, state, expected) => {
    const decision = decideGraphql(input, state as GraphqlState);
    expect(decision === NEEDS_GRAPHQL ? "needs-graphql" : `${decision.target} ${decision.reason}`).toBe(expected);
  });

  it("tells the handler whether any route reads GraphQL", () => {
    expect([graphqlTable.usesGraphql, table.usesGraphql]).toEqual([true, false]);
  });
});
