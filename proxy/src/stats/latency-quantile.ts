// A latency quantile from per-minute bucket counts, the way Prometheus' histogram_quantile reads a
// histogram: find the bucket holding the rank, interpolate linearly inside it. The open last bucket
// answers its lower bound (the slowest finite bound), as Prometheus does for +Inf.
import { LATENCY_BOUNDS_MS } from "./traffic-stats.ts";

/** q in (0, 1]; null when there are no samples. Milliseconds. */
export function latencyQuantile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i]!;
    if (count > 0 && seen + count >= rank) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BOUNDS_MS[i]!;
      return lower + (upper - lower) * ((rank - seen) / count);
    }
    seen += count;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
}
