// The in-memory per-minute ring: samples fold into their minute and side, errors and fallbacks follow
// the contract, latency lands in the right bucket, and minutes past the retention are gone.
import { describe, expect, it } from "vitest";
import { latencyBucket } from "../../src/stats/minute-table.ts";
import { createMemoryTrafficStats } from "../../src/stats/memory-traffic-stats.ts";
import { LATENCY_BOUNDS_MS } from "../../src/stats/traffic-stats.ts";

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const clock = (start = T0) => {
  let at = start;
  return { now: () => at, set: (ms: number) => { at = ms; } };
};

describe("latencyBucket", () => {
  it.each([
    [0, 0], [1, 0], [1.01, 1], [2.5, 1], [7, 3], [100, 6], [30_000, LATENCY_BOUNDS_MS.length - 1], [30_001, LATENCY_BOUNDS_MS.length],
  ])("puts %s ms in bucket %s", (ms, bucket) => {
    expect(latencyBucket(ms)).toBe(bucket);
  });
});

describe("memory traffic stats", () => {
  it("folds samples into their minute and side, counting 5xx and replays as errors", async () => {
    const time = clock();
    const stats = createMemoryTrafficStats({ now: time.now });
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 3, replayed: false });
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 40, replayed: true });
    stats.record({ plan: "pdp", side: "legacy", status: 503, durationMs: 700, replayed: false });
    stats.record({ plan: "pdp", side: "legacy", status: 404, durationMs: 1, replayed: false });
    stats.recordAddToCart("pdp", "new", true);
    stats.recordAddToCart("pdp", "new", false);
    time.set(T0 + 61_000);
    stats.record({ plan: "plp", side: "new", status: 200, durationMs: 3, replayed: false });

    const minutes = await stats.minutes(undefined, T0 - 60_000, T0 + 120_000);
    expect(minutes.map((m) => [m.plan, m.minute])).toEqual([["pdp", T0], ["plp", T0 + 60_000]]);
    const [pdp] = minutes;
    expect(pdp!.new).toMatchObject({ requests: 2, errors: 1, fallbacks: 1, addToCartAttempts: 2, addToCartSuccesses: 1 });
    expect(pdp!.legacy).toMatchObject({ requests: 2, errors: 1, fallbacks: 0, addToCartAttempts: 0 });
    expect(pdp!.new.latency[latencyBucket(3)]).toBe(1);
    expect(pdp!.new.latency[latencyBucket(40)]).toBe(1);
    expect(pdp!.legacy.latency.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("answers one plan, and only minutes inside [from, to)", async () => {
    const time = clock();
    const stats = createMemoryTrafficStats({ now: time.now });
    for (const offset of [0, 60_000, 120_000]) {
      time.set(T0 + offset);
      stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 1, replayed: false });
      stats.record({ plan: "cart", side: "legacy", status: 200, durationMs: 1, replayed: false });
    }
    const minutes = await stats.minutes("pdp", T0 + 60_000, T0 + 120_000);
    expect(minutes.map((m) => [m.plan, m.minute])).toEqual([["pdp", T0 + 60_000]]);
  });

  it("drops minutes older than the retention", async () => {
    const time = clock();
    const stats = createMemoryTrafficStats({ now: time.now, retentionMinutes: 5 });
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 1, replayed: false });
    time.set(T0 + 10 * 60_000);
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 1, replayed: false });
    const minutes = await stats.minutes("pdp", 0, T0 + 3_600_000);
    expect(minutes.map((m) => m.minute)).toEqual([T0 + 10 * 60_000]);
  });

  it("hands out copies: a caller's edits do not change the ring", async () => {
    const stats = createMemoryTrafficStats({ now: () => T0 });
    stats.record({ plan: "pdp", side: "new", status: 200, durationMs: 1, replayed: false });
    const [first] = await stats.minutes("pdp", T0, T0 + 60_000);
    first!.new.requests = 99;
    const [again] = await stats.minutes("pdp", T0, T0 + 60_000);
    expect(again!.new.requests).toBe(1);
  });
});
