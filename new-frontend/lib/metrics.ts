// The new frontend's Prometheus metrics: render time by route, revalidations, and the adapters' cache
// events under the names the proxy's dashboards use. One registry per process, kept on the process
// global: Next bundles each route (and instrumentation.ts) separately, and they must all count into it.
// Served only on METRICS_PORT (lib/metrics-server.ts), never on the port the proxy forwards shoppers to.
import { Counter, Histogram, Registry } from "prom-client";
import type { AdapterMetrics } from "@strangler/adapters";

/** The proxy's request buckets (0.5 ms … 30 s), so both sides' latencies compare bucket by bucket. */
const RENDER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface FrontendMetrics {
  registry: Registry;
  /** Seconds from a request's arrival to its response's end, by the Next route that answered. */
  render: Histogram<"route">;
  /** Calls of /api/revalidate that dropped pages (by tags or all). */
  revalidations: Counter<string>;
  /** The adapters' `increment(name, labels)` seam, mapped onto strangler_adapter_* counters. */
  adapters: AdapterMetrics;
}

const holder = globalThis as typeof globalThis & { stranglerFrontendMetrics?: FrontendMetrics };

export function getFrontendMetrics(): FrontendMetrics {
  holder.stranglerFrontendMetrics ??= createFrontendMetrics();
  return holder.stranglerFrontendMetrics;
}

function createFrontendMetrics(): FrontendMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    render: new Histogram({ name: "strangler_next_render_seconds", help: "New frontend response time by Next route", labelNames: ["route"], buckets: RENDER_BUCKETS, registers }),
    revalidations: new Counter({ name: "strangler_next_revalidations_total", help: "Revalidations (by tags or all) the adapters' purge asked for", registers }),
    adapters: createAdapterMetrics(registry),
  };
}

/**
 * adapters_cache{area,result} → strangler_adapter_cache_total{area,result}; adapters_cache_redis_errors →
 * strangler_adapter_redis_errors_total{area}; adapters_cache_purges{kind} → strangler_adapter_purges_total{kind}.
 * Every other adapters event becomes strangler_adapter_<event>_total with the labels it came with.
 */
export function createAdapterMetrics(registry: Registry): AdapterMetrics {
  const cache = new Counter({ name: "strangler_adapter_cache_total", help: "Adapter cache reads by area and result (hit, miss, stale, joined)", labelNames: ["area", "result"], registers: [registry] });
  const redisErrors = new Counter({ name: "strangler_adapter_redis_errors_total", help: "Failed Redis commands of the adapters' cache, by area (none: keyless)", labelNames: ["area"], registers: [registry] });
  const purges = new Counter({ name: "strangler_adapter_purges_total", help: "Adapter cache purges by kind (tags, all)", labelNames: ["kind"], registers: [registry] });
  const others = new Map<string, Counter<string>>();
  return {
    increment(name, labels = {}) {
      try {
        count(name, labels);
      } catch {
        // A metric never fails a read (an event that changed its label names is dropped).
      }
    },
  };
  function count(name: string, labels: Record<string, string>): void {
    if (name === "adapters_cache") return cache.inc({ area: labels.area ?? "unknown", result: labels.result ?? "unknown" });
    if (name === "adapters_cache_redis_errors") return redisErrors.inc({ area: labels.area ?? "none" });
    if (name === "adapters_cache_purges") return purges.inc({ kind: labels.kind ?? "tags" });
    if (LEGACY_EVENTS.has(name)) return;
    const metricName = `strangler_adapter_${name.replace(/^adapters_/, "")}_total`;
    let counter = others.get(metricName);
    if (counter === undefined) {
      counter = new Counter({ name: metricName, help: `Adapters event ${name}`, labelNames: Object.keys(labels), registers: [registry] });
      others.set(metricName, counter);
    }
    counter.inc(labels);
  }
}

/** Events already counted under strangler_adapter_cache_total (the adapters still emit them for their own tests). */
const LEGACY_EVENTS = new Set(["adapters_cache_hits", "adapters_cache_stale_hits", "adapters_cache_misses"]);
