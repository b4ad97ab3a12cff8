// Magento's price step, and the pre-bucketed keys the Orama engine counts giving the same buckets.
import { describe, expect, it } from "vitest";
import { bucketPrices, bucketsFromPriceKeys, priceKeys, priceStep } from "../../src/engine/price-buckets.ts";

function fromKeys(prices: number[]) {
  const counts = new Map<string, number>();
  for (const key of prices.flatMap(priceKeys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return bucketsFromPriceKeys(counts);
}

describe("price buckets", () => {
  it.each([[5, 10], [9.99, 10], [10, 10], [99.99, 10], [100, 100], [999, 100], [1000, 1000], [56.99, 10]])("steps %d by %d", (max, step) => {
    expect(priceStep(max)).toBe(step);
  });

  it.each([
    ["a catalog under 100", [34, 32, 45, 56.99, 7, 0]],
    ["prices reaching 100", [12, 99.99, 100, 250.5]],
    ["one price", [42]],
    ["prices over 1000", [5, 1500, 999]],
  ])("counts the same buckets from keys as from prices: %s", (_case, prices) => {
    expect(fromKeys(prices)).toEqual(bucketPrices(prices));
  });

  it("buckets a catalog under 100 by tens, from-to", () => {
    expect(bucketPrices([34, 32, 45, 7])).toEqual([{ from: 0, to: 10, count: 1 }, { from: 30, to: 40, count: 2 }, { from: 40, to: 50, count: 1 }]);
  });
});
