// Per-request metrics without per-request label hashing. Every Decision is frozen and built once per
// compiled route (route-table.ts), so its labels (plan, side, upstream, reason) are bound to it the first
// time it is seen: one identity lookup, then typed-array increments indexed by method class and status
// class. Nothing is formatted until a scrape, when the series are handed to prom-client as a metric of its
// own (so the cluster aggregator sums them across workers like any other).
import type { Metric, MetricObjectWithValues, MetricValueWithName, Registry } from "prom-client";
import type { Decision } from "../routing/route-table.ts";

/** Fine enough at the low end to see the proxy's own sub-millisecond overhead. */
export const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;
const METHOD_CLASSES = ["read", "write", "other"] as const;
const CELLS = METHOD_CLASSES.length * STATUS_CLASSES.length;
const SLOTS = DURATION_BUCKETS.length + 1; // + the +Inf bucket

type Labels = { plan: string; side: string; upstream: string; reason: string };

/** One label set (plan, side, upstream, reason), all method and status classes in flat arrays. */
interface Series {
  readonly labels: Labels;
  readonly counts: Float64Array;
  /** Per cell, non-cumulative: DURATION_BUCKETS.length buckets then +Inf. */
  readonly buckets: Float64Array;
  readonly sums: Float64Array;
}

export interface RequestMetrics {
  /** `status` is the HTTP status; 499 stands for a response cut before its end. */
  record(decision: Decision, method: string, status: number, seconds: number): void;
  /** Requests answered from the flags' saved state (reasons flag-on-saved, flag-off-saved). */
  savedStateAnswers(): number;
}

/** Records nothing: what the bench compares against. */
export const NO_REQUEST_METRICS: RequestMetrics = Object.freeze({ record() {}, savedStateAnswers: () => 0 });

/** read: GET, HEAD; write: POST, PUT, PATCH, DELETE; other: the rest (OPTIONS, …). */
export function methodClass(method: string): 0 | 1 | 2 {
  switch (method) {
    case "GET": case "HEAD": return 0;
    case "POST": case "PUT": case "PATCH": case "DELETE": return 1;
    default: return 2;
  }
}

/**
 * `side`: new when a plan's target (or variant) answered, legacy when its fallback did (or legacy with no
 * plan), none when no upstream was asked (refused, undecided). An engineer's forced upstream counts as new
 * unless it is legacy.
 */
export function labelsOf(decision: Decision): Labels {
  const upstream = decision.target === "-" || decision.target === "" ? "none" : decision.target;
  const side = upstream === "none" ? "none"
    : decision.onFailure !== undefined ? "new"
    : decision.planId !== undefined ? "legacy"
    : upstream === "legacy" ? "legacy" : "new";
  return { plan: decision.planId ?? "none", side, upstream, reason: decision.reason };
}

export function createRequestMetrics(registry: Registry): RequestMetrics {
  // Decisions built per request (forced, variant) are weakly held; their series are shared by label key.
  const bound = new WeakMap<Decision, Series>();
  const byKey = new Map<string, Series>();

  function bind(decision: Decision): Series {
    const labels = labelsOf(decision);
    const key = `${labels.plan}\u0000${labels.side}\u0000${labels.upstream}\u0000${labels.reason}`;
    let series = byKey.get(key);
    if (series === undefined) {
      series = { labels, counts: new Float64Array(CELLS), buckets: new Float64Array(CELLS * SLOTS), sums: new Float64Array(CELLS) };
      byKey.set(key, series);
    }
    bound.set(decision, series);
    return series;
  }

  const counter = computedMetric("strangler_requests_total", "Shop requests by plan, side, upstream, reason, method class and status class", "counter", () => {
    const values: MetricValueWithName<string>[] = [];
    for (const series of byKey.values()) {
      forEachCell(series, (cell, method, status) => {
        values.push({ labels: { ...series.labels, method, status }, value: series.counts[cell]! });
      });
    }
    return values;
  });
  const histogram = computedMetric("strangler_request_duration_seconds", "Shop request duration, arrival to last byte sent", "histogram", () => {
    const values: MetricValueWithName<string>[] = [];
    for (const series of byKey.values()) {
      forEachCell(series, (cell, method, status) => {
        const labels = { ...series.labels, method, status };
        let cumulative = 0;
        for (let i = 0; i < SLOTS; i++) {
          cumulative += series.buckets[cell * SLOTS + i]!;
          values.push({ metricName: "strangler_request_duration_seconds_bucket", labels: { ...labels, le: i < DURATION_BUCKETS.length ? DURATION_BUCKETS[i]! : "+Inf" }, value: cumulative });
        }
        values.push({ metricName: "strangler_request_duration_seconds_sum", labels, value: series.sums[cell]! });
        values.push({ metricName: "strangler_request_duration_seconds_count", labels, value: cumulative });
      });
    }
    return values;
  });
  registry.registerMetric(counter);
  registry.registerMetric(histogram);

  return {
    record(decision, method, status, seconds) {
      const series = bound.get(decision) ?? bind(decision);
      const statusClass = status < 200 ? 0 : status < 300 ? 1 : status < 400 ? 2 : status < 500 ? 3 : 4;
      const cell = methodClass(method) * STATUS_CLASSES.length + statusClass;
      series.counts[cell]! += 1;
      series.sums[cell]! += seconds;
      let slot = 0;
      while (slot < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[slot]!) slot++;
      series.buckets[cell * SLOTS + slot]! += 1;
    },
    savedStateAnswers() {
      let total = 0;
      for (const series of byKey.values()) {
        if (series.labels.reason === "flag-on-saved" || series.labels.reason === "flag-off-saved") for (const n of series.counts) total += n;
      }
      return total;
    },
  };
}

function forEachCell(series: Series, visit: (cell: number, method: string, status: string) => void): void {
  for (let m = 0; m < METHOD_CLASSES.length; m++) {
    for (let s = 0; s < STATUS_CLASSES.length; s++) {
      const cell = m * STATUS_CLASSES.length + s;
      if (series.counts[cell] !== 0) visit(cell, METHOD_CLASSES[m]!, STATUS_CLASSES[s]!);
    }
  }
}

/**
 * A metric whose values are computed at scrape time. The registry only calls `get()` (and reads name and
 * type), so this stands in for prom-client's classes; `aggregator: "sum"` adds workers' values together.
 */
export function computedMetric(name: string, help: string, type: "counter" | "gauge" | "histogram", values: () => MetricValueWithName<string>[], aggregator: "sum" | "max" = "sum"): Metric {
  const metric = {
    name, help, type, aggregator,
    get: async (): Promise<MetricObjectWithValues<MetricValueWithName<string>>> => ({ name, help, type, aggregator, values: values() } as never),
  };
  return metric as unknown as Metric;
}
