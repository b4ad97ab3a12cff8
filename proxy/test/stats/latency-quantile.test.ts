// Quantiles read from the per-minute latency buckets, Prometheus' way (linear inside the bucket).
import { describe, expect, it } from "vitest";
import { latencyQuantile } from "../../src/stats/latency-quantile.ts";
import { buildPlanSeries } from "../../src/admin/dashboard/plan-series.ts";
import { emptyPlanMinute } from "../../src/stats/minute-table.ts";
import { LATENCY_BOUNDS_MS } from "../../src/stats/traffic-stats.ts";

const buckets = (entries: Record<number, number>) => Array.from({ length: LATENCY_BOUNDS_MS.length + 1 }, (_, i) => entries[i] ?? 0);

describe("latencyQuantile", () => {
  it.each([
    ["no samples", buckets({}), 0.5, null],
    ["all in the first bucket (0..1 ms)", buckets({ 0: 10 }), 0.5, 0.5],
    ["half way through the 5..10 ms bucket", buckets({ 3: 4 }), 0.5, 7.5],
    ["p95 in the slow tail", buckets({ 0: 90, 6: 10 }), 0.95, 75],
    ["the open last bucket answers the slowest bound", buckets({ 14: 3 }), 0.5, 30_000],
  ])("answers %s", (_name, counts, q, expected) => {
    expect(latencyQuantile(counts, q)).toBe(expected);
  });
});

describe("buildPlanSeries", () => {
  it("fills every minute of the window: 0 requests, null rates where there was no traffic", () => {
    const now = Date.UTC(2025, 0, 1, 12, 2, 30);
    const row = emptyPlanMinute("pdp", Date.UTC(2025, 0, 1, 12, 1));
    row.new.requests = 4;
    row.new.errors = 1;
    row.new.latency[3] = 4;
    const series = buildPlanSeries("pdp", [row, { ...emptyPlanMinute("other", row.minute) }], now, 3);
    expect(series.minutes).toEqual([Date.UTC(2025, 0, 1, 12, 0) / 1000, Date.UTC(2025, 0, 1, 12, 1) / 1000, Date.UTC(2025, 0, 1, 12, 2) / 1000]);
    expect(series.new.requests).toEqual([0, 4, 0]);
    expect(series.new.errorRate).toEqual([null, 0.25, null]);
    expect(series.new.p50).toEqual([null, 7.5, null]);
    expect(series.legacy.requests).toEqual([0, 0, 0]);
    expect(series.totals.new).toEqual({ requests: 4, errors: 1, fallbacks: 0 });
  });
});
