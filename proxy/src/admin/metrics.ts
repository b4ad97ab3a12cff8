// Prometheus metrics, one registry per proxy instance (tests run several in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Upstream } from "../forward/upstreams.ts";

export interface ProxyMetrics {
  registry: Registry;
  requests: Counter<"upstream" | "reason" | "status">;
  duration: Histogram<"upstream">;
  fallbacks: Counter<"from" | "stage">;
  reloads: Counter<"result">;
}

export function createMetrics(upstreams: ReadonlyMap<string, Upstream>, withDefaults: boolean): ProxyMetrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  const circuit = new Gauge({
    name: "strangler_circuit_open", help: "1 when the upstream's circuit is open or half-open", labelNames: ["upstream"], registers: [registry],
    collect() {
      for (const upstream of upstreams.values()) {
        if (upstream.breaker) this.set({ upstream: upstream.name }, upstream.breaker.state() === "closed" ? 0 : 1);
      }
    },
  });
  void circuit;
  return {
    registry,
    requests: new Counter({ name: "strangler_requests_total", help: "Shop requests by upstream, decision reason and status class", labelNames: ["upstream", "reason", "status"], registers: [registry] }),
    duration: new Histogram({ name: "strangler_request_duration_seconds", help: "Shop request duration", labelNames: ["upstream"], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    fallbacks: new Counter({ name: "strangler_fallbacks_total", help: "Requests replayed to the fallback after the new side failed", labelNames: ["from", "stage"], registers: [registry] }),
    reloads: new Counter({ name: "strangler_plan_reloads_total", help: "Plan reloads by result", labelNames: ["result"], registers: [registry] }),
  };
}
