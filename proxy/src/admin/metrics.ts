// Prometheus metrics, one registry per proxy instance (tests run several in one process). Per-upstream
// pool figures are read when /metrics is scraped; only a request that had to wait for a connection
// touches a prom-client metric on the request path.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Upstream } from "../forward/upstream.ts";
import { createRequestMetrics } from "./request-metrics.ts";
import type { RequestMetrics } from "./request-metrics.ts";

export interface ProxyMetrics {
  registry: Registry;
  /** The hot per-request counters, rendered next to the registry's output. */
  requests: RequestMetrics;
  fallbacks: Counter<"from" | "stage">;
  reloads: Counter<"result">;
  /** GraphQL operations the router read: query, mutation, subscription, or unreadable. */
  graphqlReads: Counter<"result">;
  /** Refusals before routing (ours and node's parser's), by code. */
  refusals: Counter<"code">;
  /** Seconds a request waited for an upstream connection; `result` granted or timeout. */
  queueWaits: Histogram<"upstream" | "result">;
}

/** The whole /metrics text: prom-client's registry plus the hot request metrics. */
export async function renderMetrics(metrics: ProxyMetrics): Promise<string> {
  return (await metrics.registry.metrics()) + metrics.requests.render();
}

/** `upstreams` is read at scrape time only, so it may be filled after this returns. */
export function createMetrics(upstreams: ReadonlyMap<string, Upstream>, withDefaults: boolean): ProxyMetrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: "strangler_circuit_open", help: "1 when the upstream's circuit is open or half-open", labelNames: ["upstream"], registers,
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
  return {
    registry,
    requests: createRequestMetrics(),
    fallbacks: new Counter({ name: "strangler_fallbacks_total", help: "Requests replayed to the fallback after the new side failed", labelNames: ["from", "stage"], registers }),
    graphqlReads: new Counter({ name: "strangler_graphql_reads_total", help: "GraphQL operations read for routing, by result", labelNames: ["result"], registers }),
    reloads: new Counter({ name: "strangler_plan_reloads_total", help: "Plan reloads by result", labelNames: ["result"], registers }),
    refusals: new Counter({ name: "strangler_refusals_total", help: "Requests refused before routing, by code", labelNames: ["code"], registers }),
    queueWaits: new Histogram({
      name: "strangler_upstream_queue_wait_seconds", help: "Time requests waited for an upstream connection (only those that waited)",
      labelNames: ["upstream", "result"], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10], registers,
    }),
  };
}
