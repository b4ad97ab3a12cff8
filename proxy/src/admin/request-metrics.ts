// Per-request metrics without per-request label hashing: counts are kept in typed arrays keyed by the
// (shared, frozen) Decision object, durations in fixed buckets per upstream, and turned into Prometheus
// text only when /metrics is scraped.
import type { Decision } from "../routing/route-table.ts";

const BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"];

interface DurationSeries { counts: Float64Array; sum: number; total: number }

export interface RequestMetrics {
  /** `status` is the HTTP status; 499 stands for a response cut before its end. */
  record(decision: Decision, status: number, seconds: number): void;
  render(): string;
}

export function createRequestMetrics(): RequestMetrics {
  const counts = new Map<Decision, Float64Array>();
  const durations = new Map<string, DurationSeries>();

  return {
    record(decision, status, seconds) {
      let byStatus = counts.get(decision);
      if (byStatus === undefined) counts.set(decision, (byStatus = new Float64Array(STATUS_CLASSES.length)));
      const statusClass = Math.min(Math.max(Math.floor(status / 100) - 1, 0), 4);
      byStatus[statusClass]! += 1;
      let series = durations.get(decision.target);
      if (series === undefined) durations.set(decision.target, (series = { counts: new Float64Array(BUCKETS.length), sum: 0, total: 0 }));
      for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) { series.counts[i]! += 1; break; }
      series.sum += seconds;
      series.total += 1;
    },
    render() {
      const lines = [
        "# HELP strangler_requests_total Shop requests by upstream, decision reason and status class",
        "# TYPE strangler_requests_total counter",
      ];
      const merged = new Map<string, number>();
      for (const [decision, byStatus] of counts) {
        byStatus.forEach((n, i) => {
          if (n === 0) return;
          const key = `upstream="${decision.target}",reason="${decision.reason}",status="${STATUS_CLASSES[i]}"`;
          merged.set(key, (merged.get(key) ?? 0) + n);
        });
      }
      for (const [labels, n] of merged) lines.push(`strangler_requests_total{${labels}} ${n}`);
      lines.push("# HELP strangler_request_duration_seconds Shop request duration", "# TYPE strangler_request_duration_seconds histogram");
      for (const [upstream, series] of durations) {
        let cumulative = 0;
        BUCKETS.forEach((le, i) => {
          cumulative += series.counts[i]!;
          lines.push(`strangler_request_duration_seconds_bucket{upstream="${upstream}",le="${le}"} ${cumulative}`);
        });
        lines.push(`strangler_request_duration_seconds_bucket{upstream="${upstream}",le="+Inf"} ${series.total}`);
        lines.push(`strangler_request_duration_seconds_sum{upstream="${upstream}"} ${series.sum}`);
        lines.push(`strangler_request_duration_seconds_count{upstream="${upstream}"} ${series.total}`);
      }
      return lines.join("\n") + "\n";
    },
  };
}
