// Magento's "automatic (equalize price ranges)" layered navigation step, as the sandbox answers it:
// a power of ten under the highest price of the results (10 at least), buckets [from, from + step).
import type { PriceBucket } from "./engine.ts";

export function priceStep(maxPrice: number): number {
  return maxPrice >= 10 ? 10 ** Math.floor(Math.log10(maxPrice)) : 10;
}

export function bucketFrom(price: number, step: number): number {
  return Math.floor(price / step) * step;
}

export function bucketPrices(prices: number[]): PriceBucket[] {
  if (prices.length === 0) return [];
  const step = priceStep(Math.max(...prices));
  const counts = new Map<number, number>();
  for (const price of prices) {
    const from = bucketFrom(price, step);
    counts.set(from, (counts.get(from) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([from, count]) => ({ from, to: from + step, count }));
}

/** Steps an in-process engine pre-buckets every price by, so facet counts give any result's buckets. */
const STEPS = [10, 100, 1000, 10_000, 100_000, 1_000_000];

/** `p:<step>:<from>` for every step. */
export function priceKeys(price: number): string[] {
  return STEPS.map((step) => `p:${step}:${bucketFrom(price, step)}`);
}

/**
 * Buckets from `p:` key counts: the step is the largest one some bucket reaches (a bucket from ≥
 * step exists exactly when the highest price is ≥ step), as priceStep would pick.
 */
export function bucketsFromPriceKeys(counts: Map<string, number>): PriceBucket[] {
  const byStep = new Map<number, { from: number; count: number }[]>();
  for (const [key, count] of counts) {
    const [, step, from] = /^p:(\d+):(\d+(?:\.\d+)?)$/.exec(key) ?? [];
    if (!step || count === 0) continue;
    const list = byStep.get(Number(step)) ?? [];
    list.push({ from: Number(from), count });
    byStep.set(Number(step), list);
  }
  const reached = STEPS.filter((step) => (byStep.get(step) ?? []).some((bucket) => bucket.from >= step));
  const step = reached.length > 0 ? Math.max(...reached) : STEPS[0]!;
  return (byStep.get(step) ?? []).sort((a, b) => a.from - b.from).map(({ from, count }) => ({ from, to: from + step, count }));
}
