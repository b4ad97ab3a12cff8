// Per-minute TrafficStats rows reshaped into what the dashboard plots for one plan: one value per
// minute of the window (gaps filled: no requests is 0, a rate or latency with no requests is null).
import { latencyQuantile } from "../../stats/latency-quantile.ts";
import { MINUTE_MS } from "../../stats/minute-table.ts";
import type { PlanMinute, Side, SideCounts } from "../../stats/traffic-stats.ts";

export interface SideSeries {
  requests: number[];
  /** errors / requests, 0..1. */
  errorRate: Array<number | null>;
  p50: Array<number | null>;
  p95: Array<number | null>;
  fallbacks: number[];
}

export interface PlanSeries {
  plan: string;
  /** Minute starts, epoch seconds (uPlot's x unit). */
  minutes: number[];
  legacy: SideSeries;
  new: SideSeries;
  /** Totals over the window. */
  totals: Record<Side, { requests: number; errors: number; fallbacks: number }>;
}

function emptySeries(length: number): SideSeries {
  return { requests: new Array<number>(length).fill(0), errorRate: new Array(length).fill(null), p50: new Array(length).fill(null), p95: new Array(length).fill(null), fallbacks: new Array<number>(length).fill(0) };
}

function fill(series: SideSeries, index: number, counts: SideCounts): void {
  series.requests[index] = counts.requests;
  series.fallbacks[index] = counts.fallbacks;
  series.errorRate[index] = counts.requests === 0 ? null : counts.errors / counts.requests;
  series.p50[index] = latencyQuantile(counts.latency, 0.5);
  series.p95[index] = latencyQuantile(counts.latency, 0.95);
}

/** The window is the `count` minutes ending with the one holding `nowMs`. */
export function buildPlanSeries(plan: string, rows: readonly PlanMinute[], nowMs: number, count: number): PlanSeries {
  const last = nowMs - (nowMs % MINUTE_MS);
  const first = last - (count - 1) * MINUTE_MS;
  const out: PlanSeries = {
    plan, minutes: Array.from({ length: count }, (_, i) => (first + i * MINUTE_MS) / 1000), legacy: emptySeries(count), new: emptySeries(count),
    totals: { legacy: { requests: 0, errors: 0, fallbacks: 0 }, new: { requests: 0, errors: 0, fallbacks: 0 } },
  };
  for (const row of rows) {
    const index = (row.minute - first) / MINUTE_MS;
    if (row.plan !== plan || index < 0 || index >= count || !Number.isInteger(index)) continue;
    for (const side of ["legacy", "new"] as const) {
      fill(out[side], index, row[side]);
      out.totals[side].requests += row[side].requests;
      out.totals[side].errors += row[side].errors;
      out.totals[side].fallbacks += row[side].fallbacks;
    }
  }
  return out;
}
