import { describe, expect, it } from "vitest";
import { createSegmentedLru } from "../../src/routing/segmented-lru.ts";

describe("createSegmentedLru", () => {
  it("keeps entries read twice through a flood of one-off keys", () => {
    const cache = createSegmentedLru<string>({ maxEntries: 100 });
    const real = Array.from({ length: 50 }, (_, i) => `/product-${i}.html`);
    for (const key of real) {
      cache.set(key, "PRODUCT", 60_000); // first shopper: looked up
      expect(cache.get(key)).toBe("PRODUCT"); // the next one: a hit, promoted
    }
    for (let i = 0; i < 10_000; i++) cache.set(`/random-${i}`, "NONE", 60_000);
    expect(real.filter((key) => cache.get(key) === "PRODUCT")).toHaveLength(50);
    expect(cache.size).toBeLessThanOrEqual(100);
  });

  it("evicts a one-off entry once probation is full", () => {
    const cache = createSegmentedLru<number>({ maxEntries: 10, probationShare: 0.2 });
    cache.set("a", 1, 1_000);
    cache.set("b", 2, 1_000);
    cache.set("c", 3, 1_000);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, 2, 3]);
  });

  it("demotes the oldest protected entry to probation when protected is full, where a read saves it", () => {
    const cache = createSegmentedLru<number>({ maxEntries: 4, probationShare: 0.5 });
    for (const key of ["a", "b", "c"]) { cache.set(key, 1, 1_000); cache.get(key); }
    expect(cache.size).toBe(3); // protected holds 2 (b, c); a went back to probation
    expect(cache.get("a")).toBe(1); // promoted again; b is demoted
    cache.set("x", 9, 1_000);
    cache.set("y", 9, 1_000); // probation (2 places) now holds x, y: b fell out
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 1]);
  });

  it("expires entries in either segment", () => {
    let clock = 0;
    const cache = createSegmentedLru<number>({ maxEntries: 10, now: () => clock });
    cache.set("kept", 1, 100);
    cache.get("kept");
    cache.set("once", 2, 100);
    clock = 100;
    expect([cache.get("kept"), cache.get("once"), cache.size]).toEqual([undefined, undefined, 0]);
  });

  it("updates a protected entry in place", () => {
    const cache = createSegmentedLru<number>({ maxEntries: 10 });
    cache.set("k", 1, 1_000);
    cache.get("k");
    cache.set("k", 2, 1_000);
    for (let i = 0; i < 50; i++) cache.set(`r${i}`, 0, 1_000);
    expect(cache.get("k")).toBe(2);
  });
});
