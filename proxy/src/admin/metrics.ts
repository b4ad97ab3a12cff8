// Prometheus metrics, one registry per proxy instance (tests run several in one process). Per-upstream
// pool figures, circuits, flag shares and plan problems are read when /metrics is scraped; on the request
// path only the request metrics (request-metrics.ts) and pre-bound counters are touched. Each gauge says
// how workers' values combine (cluster-metrics.ts): pools add up, a circuit or an age takes the worst.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { FlagProvider } from "../flags/types.ts";
import type { Upstream } from "../forward/upstream.ts";
import type { PlanStatus } from "../plans/plan-state.ts";
import { computedMetric, createRequestMetrics, NO_REQUEST_METRICS } from "./request-metrics.ts";
import type { RequestMetrics } from "./request-metrics.ts";

/** What a scrape reads; `plans` and `flags` may be set after createMetrics returns (they need the metrics). */
export interface ScrapeSources {
  upstreams: ReadonlyMap<string, Upstream>;
  plans?: () => PlanStatus;
  flags?: FlagProvider;
  now?: () => number;
}

export type PageTypeLookup = "hit" | "shared" | "miss" | "joined" | "error";

export interface ProxyMetrics {
  registry: Registry;
  /** The hot per-request counters and histogram. */
  requests: RequestMetrics;
  fallbacks: Counter<"plan" | "from" | "stage">;
  reloads: Counter<"result">;
  /** GraphQL operations the router read: query, mutation, subscription, or unreadable. */
  graphqlReads: Counter<"result">;
  /** Refusals before routing (ours and node's parser's), by code. */
  refusals: Counter<"code">;
  /** Seconds a request waited for an upstream connection; `result` granted or timeout. */
  queueWaits: Histogram<"upstream" | "result">;
  /** One page-type lookup, by where its answer came from. */
  pageTypeLookup(result: PageTypeLookup): void;
}

/** The whole /metrics text of this process. */
export async function renderMetrics(metrics: ProxyMetrics): Promise<string> {
  return metrics.registry.metrics();
}

/** `sources` is read at scrape time only, so its maps and fields may be filled after this returns. */
export function createMetrics(sources: ScrapeSources, options: { defaults: boolean; requests?: boolean }): ProxyMetrics {
  const { upstreams } = sources;
  const now = sources.now ?? Date.now;
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: "strangler_circuit_open", help: "1 when the upstream's circuit is open or half-open", labelNames: ["upstream"], registers, aggregator: "max",
    collect() {
      for (const upstream of upstreams.values()) {
        if (upstream.breaker) this.set({ upstream: upstream.name }, upstream.breaker.state() === "closed" ? 0 : 1);
      }
    },
  });
  const poolGauge = (name: string, help: string, read: (upstream: Upstream) => number) => new Gauge({
    name, help, labelNames: ["upstream"], registers,
    collect() { for (const upstream of upstreams.values()) this.set({ upstream: upstream.name }, read(upstream)); },
  });
  poolGauge("strangler_upstream_pool_size", "Connections (and concurrent requests) allowed per upstream", (u) => u.slots.stats().size);
  poolGauge("strangler_upstream_in_flight", "Requests holding an upstream connection", (u) => u.slots.stats().inFlight);
  poolGauge("strangler_upstream_queue_length", "Requests waiting for an upstream connection", (u) => u.slots.stats().queued);
  poolGauge("strangler_upstream_queue_limit", "Requests allowed to wait for an upstream connection", (u) => u.slots.stats().queueLength);
  poolGauge("strangler_upstream_connections", "Open connections in the upstream's keep-alive pool", (u) => u.pool.stats.connected);
  poolGauge("strangler_upstream_connections_idle", "Idle connections in the upstream's keep-alive pool", (u) => u.pool.stats.free);

  new Gauge({
    name: "strangler_plan_share_percent", help: "Share of shoppers (0-100) each loaded plan's flag sends to its target, as the flag provider reports it",
    labelNames: ["plan"], registers, aggregator: "max",
    collect() {
      this.reset(); // a plan removed by a reload disappears
      const plans = sources.plans?.().plans ?? [];
      for (const plan of plans) {
        const share = sources.flags?.share?.(plan.flag, plan.rollout) ?? plan.rollout.percentage;
        this.set({ plan: plan.id }, share);
      }
    },
  });
  // Absent (not 0) when nothing refreshes the flags (plans' own rollout): 0 would read as "just refreshed".
  registry.registerMetric(computedMetric("strangler_flag_refresh_age_seconds", "Seconds since the flags were last refreshed from their source", "gauge", () => {
    const at = sources.flags?.refreshedAt?.();
    return at === undefined ? [] : [{ labels: {}, value: Math.max(0, (now() - at) / 1000) }];
  }, "max"));
  new Gauge({
    name: "strangler_plan_problems", help: "Problems of the last refused plan edit (0 when the last load succeeded)", registers, aggregator: "max",
    collect() { this.set(sources.plans?.().problems.length ?? 0); },
  });
  const requests = options.requests === false ? NO_REQUEST_METRICS : createRequestMetrics(registry);
  registry.registerMetric(computedMetric("strangler_flag_saved_state_answers_total", "Requests routed by the flags' saved state (flag service unreachable or stale)", "counter",
    () => [{ labels: {}, value: requests.savedStateAnswers() }]));
  const pageTypeLookups = new Counter({
    name: "strangler_page_type_lookups_total", help: "Page-type lookups by answer: hit (this process), shared (Redis), miss (asked Magento), joined (a lookup under way), error",
    labelNames: ["result"], registers,
  });
  // Bound once: the request path increments without building a label object.
  const lookupCounters = Object.fromEntries((["hit", "shared", "miss", "joined", "error"] as const).map((result) => [result, pageTypeLookups.labels({ result })]));

  return {
    registry,
    requests,
    fallbacks: new Counter({ name: "strangler_fallbacks_total", help: "Requests replayed to the fallback after the new side failed", labelNames: ["plan", "from", "stage"], registers }),
    graphqlReads: new Counter({ name: "strangler_graphql_reads_total", help: "GraphQL operations read for routing, by result", labelNames: ["result"], registers }),
    reloads: new Counter({ name: "strangler_plan_reloads_total", help: "Plan reloads by result", labelNames: ["result"], registers }),
    refusals: new Counter({ name: "strangler_refusals_total", help: "Requests refused before routing, by code", labelNames: ["code"], registers }),
    queueWaits: new Histogram({
      name: "strangler_upstream_queue_wait_seconds", help: "Time requests waited for an upstream connection (only those that waited)",
      labelNames: ["upstream", "result"], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10], registers,
    }),
    pageTypeLookup: (result) => lookupCounters[result]!.inc(),
  };
}
