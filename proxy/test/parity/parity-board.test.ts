import { describe, expect, it } from "vitest";
import { extractGraphqlFacts, extractPageFacts } from "../../src/parity/commerce-facts.ts";
import { createParityBoard } from "../../src/parity/parity-board.ts";

const page = (price: string, modified: string) => extractPageFacts({
  status: 200, location: undefined,
  body: `<html><head><title>T</title><script type="application/ld+json">{"@type":"Product","sku":"A","dateModified":"${modified}","offers":{"price":"${price}"}}</script></head>`
    + `<body><div class="product-info-main"><span data-price-type="finalPrice" data-price-amount="${price}"><span class="price">$${price}</span></span></div></body></html>`,
});

describe("parity board", () => {
  it("learns a field two legacy answers disagree on as noise for the page type, and stops counting it", () => {
    const board = createParityBoard();
    const first = board.record({ plan: "p", pageType: "PRODUCT", url: "/a", legacy: page("34", "t1"), candidate: page("34", "t9") });
    expect(first.map((difference) => difference.path)).toEqual(["jsonLd.Product.dateModified"]);
    board.record({ plan: "p", pageType: "PRODUCT", url: "/a", legacy: page("34", "t2"), candidate: page("34", "t8"), legacyAgain: page("34", "t3") });
    board.record({ plan: "p", pageType: "PRODUCT", url: "/b", legacy: page("34", "t4"), candidate: page("34", "t7") });
    expect(board.scores()).toEqual([{
      plan: "p", compared: 3, matched: 2, score: 2 / 3,
      pageTypes: [{ pageType: "PRODUCT", compared: 3, matched: 2, score: 2 / 3, mismatchesByField: { "jsonLd.Product": 1 }, noise: ["jsonLd.Product.dateModified"] }],
    }]);
    // Noise is learned per page type: a CATEGORY comparison has learned nothing.
    expect(board.record({ plan: "p", pageType: "CATEGORY", url: "/c", legacy: page("34", "t1"), candidate: page("34", "t2") })).toHaveLength(1);
  });

  it("never lets noise hide a commerce fact: a price two legacy answers disagree on still counts", () => {
    const board = createParityBoard();
    const differences = board.record({ plan: "p", pageType: "PRODUCT", url: "/a", legacy: page("34", "t"), candidate: page("33.99", "t"), legacyAgain: page("35", "t") });
    expect(differences.map((difference) => difference.field).sort()).toEqual(["jsonLd.Product", "price"]);
    expect(board.scores()[0]!.pageTypes[0]!.noise).toEqual([]);
  });

  it("keeps the last mismatches per plan, newest first and bounded, with both sides' facts", () => {
    const board = createParityBoard({ samplesPerPlan: 2, now: () => 0 });
    for (const url of ["/1", "/2", "/3"]) board.record({ plan: "p", pageType: "GRAPHQL", url, legacy: gql(1), candidate: gql(2) });
    board.record({ plan: "p", pageType: "GRAPHQL", url: "/same", legacy: gql(1), candidate: gql(1) });
    const samples = board.samples("p");
    expect(samples.map((sample) => [sample.url, sample.fields])).toEqual([["/3", ["data.cart"]], ["/2", ["data.cart"]]]);
    expect(samples[0]).toMatchObject({ at: "1970-01-01T00:00:00.000Z", legacy: gql(1), candidate: gql(2), differences: [{ path: "data.cart.total_quantity", legacy: 1, candidate: 2 }] });
    expect(board.samples("unknown")).toEqual([]);
  });
});

function gql(quantity: number) {
  return extractGraphqlFacts({ status: 200, location: undefined, body: JSON.stringify({ data: { cart: { total_quantity: quantity } } }) });
}
