// How `strangler plans status` writes a match entry and a share in one table cell.
import { describe, expect, it } from "vitest";
import type { AdminMatchEntry, AdminShare } from "../../src/cli/admin-answers.ts";
import { describeMatch, describeShare, toPlanRows } from "../../src/cli/format-plan-status.ts";

const GET_HEAD = ["GET", "HEAD"];

describe("describeMatch", () => {
  it.each<[string, AdminMatchEntry, string]>([
    ["a path, leaving out the default methods", { path: { raw: "/p/**" }, methods: GET_HEAD }, "/p/**"],
    ["a page type", { pageType: "PRODUCT", methods: GET_HEAD }, "pageType=PRODUCT"],
    ["other methods", { path: { raw: "/checkout/**" }, methods: ["POST"] }, "/checkout/** POST"],
    ["a query as a query string", { path: { raw: "/search" }, query: { q: "*", sort: "price" }, methods: GET_HEAD }, "/search ?q=*&sort=price"],
    ["host, store, header and cookie", { host: "*.example.com", store: "de", header: { "x-beta": "1" }, cookie: { beta: "*" }, methods: GET_HEAD }, "host=*.example.com store=de header:x-beta=1 cookie:beta=*"],
    ["a GraphQL operation by root field and argument", { path: { raw: "/graphql" }, methods: ["GET", "POST"], graphql: { rootFields: ["products"], argument: "search" } },
      "/graphql GET,POST graphql={products(search)}"],
    ["a GraphQL operation by name", { path: { raw: "/graphql" }, methods: ["POST"], graphql: { operationName: "ProductSearch" } }, "/graphql POST graphql=ProductSearch"],
  ])("writes %s", (_title, entry, expected) => {
    expect(describeMatch(entry)).toBe(expected);
  });
});

describe("describeShare", () => {
  it.each<[string, AdminShare | undefined, string]>([
    ["a local percentage", { percentage: 30, decidedBy: "local" }, "30% (local flag)"],
    ["the plan's rollout", { percentage: 5, decidedBy: "plan-rollout" }, "5% (plan rollout)"],
    ["a kill", { percentage: 0, decidedBy: "kill-switch" }, "0% (killed)"],
    ["Unleash's rollout", { percentage: 60, decidedBy: "unleash" }, "60% (Unleash)"],
    ["a flag Unleash does not know", { percentage: 0, decidedBy: "unknown-to-unleash" }, "0% (flag not in Unleash)"],
    ["Unleash strategies it cannot sum up", { percentage: null, decidedBy: "unleash" }, "? (Unleash: not one plain rollout, see its strategies)"],
    ["a proxy without a flags admin API", undefined, "? (no flags admin API)"],
  ])("writes %s", (_title, share, expected) => {
    expect(describeShare(share)).toBe(expected);
  });
});

describe("toPlanRows", () => {
  const plan = (id: string, enabled: boolean, stage: "shadow" | "split" | "off") => ({
    id, enabled, stage, target: "new-frontend", flag: `strangler.${id}`, match: [{ path: { raw: `/${id}/**` }, methods: GET_HEAD }], rollout: { percentage: 40, stickiness: "sessionId" },
  });
  it("shows each plan's stage, and a flag's share only where the flag decides (stage split)", () => {
    const rows = toPlanRows([plan("a", true, "split"), plan("b", true, "shadow"), plan("c", true, "off"), plan("d", false, "shadow")], () => ({ percentage: 40, decidedBy: "local" }));
    expect(rows.map((row) => [row.id, row.stage, describeShare(row.share)])).toEqual([
      ["a", "split", "40% (local flag)"], ["b", "shadow", "0% (stage shadow)"], ["c", "off", "0% (stage off)"], ["d", "off", "0% (plan disabled)"],
    ]);
  });
});
