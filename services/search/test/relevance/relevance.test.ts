// NDCG@10 over the judged set (judged-queries.json: 100 queries written from the Luma catalog,
// graded 3/2/1), for the service on both engines and for the sandbox's search, side by side. The
// service must do at least as well as the sandbox; the figures are printed for the record.
import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import { createGraphQlClient, type GraphQlClient } from "@strangler/magento-sandbox/test-support";
import { describe, expect, inject, it } from "vitest";
import { ndcgAt } from "./ndcg.ts";

interface Judged { query: string; intent: string; relevant: Record<string, number> }
const judged = (JSON.parse(readFileSync(new URL("judged-queries.json", import.meta.url), "utf8")) as { queries: Judged[] }).queries;
const SEARCH = "query Search($search: String!) { products(search: $search, pageSize: 10) { items { sku } } }";
const limit = pLimit(4);

async function meanNdcg(client: GraphQlClient): Promise<{ mean: number; perQuery: number[] }> {
  const perQuery = await Promise.all(judged.map((entry) => limit(async () => {
    const { body } = await client.post<{ products: { items: { sku: string }[] } }>(SEARCH, { variables: { search: entry.query } });
    return ndcgAt((body.data?.products.items ?? []).map((item) => item.sku), entry.relevant);
  })));
  return { mean: perQuery.reduce((a, b) => a + b, 0) / perQuery.length, perQuery };
}

describe("ndcgAt", () => {
  it.each([
    ["accepts the ideal order as 1", ["A", "B", "C"], { A: 3, B: 2, C: 1 }, 1],
    ["accepts nothing relevant found as 0", ["X", "Y"], { A: 3 }, 0],
    ["scores a relevant product at rank 2 by the log2(3) discount", ["X", "A"], { A: 3 }, 1 / Math.log2(3)],
  ])("%s", (_case, ranked, relevant, expected) => {
    expect(ndcgAt(ranked, relevant)).toBeCloseTo(expected, 10);
  });
});

describe("relevance on the judged Luma queries", () => {
  it("holds 100 queries, each with a relevant product", () => {
    expect(judged).toHaveLength(100);
    expect(judged.filter((entry) => Object.keys(entry.relevant).length === 0)).toEqual([]);
  });

  it("ranks at least as well as the sandbox on both engines (NDCG@10)", async () => {
    const sides = {
      sandbox: await meanNdcg(createGraphQlClient(inject("sandboxUrl"))),
      orama: await meanNdcg(createGraphQlClient(inject("oramaUrl"))),
      postgres: await meanNdcg(createGraphQlClient(inject("postgresUrl"))),
    };
    const zero = (side: keyof typeof sides) => sides[side].perQuery.filter((n) => n === 0).length;
    console.log(`NDCG@10 over ${judged.length} judged queries (queries with nothing relevant in the top 10):\n${
      Object.keys(sides).map((side) => `  ${side.padEnd(9)} ${sides[side as keyof typeof sides].mean.toFixed(3)}  (${zero(side as keyof typeof sides)})`).join("\n")}`);
    expect(sides.orama.mean).toBeGreaterThanOrEqual(sides.sandbox.mean);
    expect(sides.postgres.mean).toBeGreaterThanOrEqual(sides.sandbox.mean);
  });
});
