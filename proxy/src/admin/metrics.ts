// Prometheus metrics, one registry per proxy instance (tests run several in one process).
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Upstream } from "../forward/upstreams.ts";
import { createRequestMetrics } from "./request-metrics.ts";
import type { RequestMetrics } from "./request-metrics.ts";

export interface ProxyMetrics {
  registry: Registry;
  /** The hot per-request counters, rendered next to the registry's output. */
  requests: RequestMetrics;
  fallbacks: Counter<"from" | "stage">;
  reloads: Counter<"result">;
}

/** The whole /metrics text: prom-client's registry plus the hot request metrics. */
export async function renderMetrics(metrics: ProxyMetrics): Promise<string> {
  return (await metrics.registry.metrics()) + metrics.requests.render();
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
    requests: createRequestMetrics(),
    fallbacks: new Counter({ name: "strangler_fallbacks_total", help: "Requests replayed to the fallback after the new side failed", labelNames: ["from", "stage"], registers: [registry] }),
    reloads: new Counter({ name: "strangler_plan_reloads_total", help: "Plan reloads by result", labelNames: ["result"], registers: [registry] }),
  };
}
