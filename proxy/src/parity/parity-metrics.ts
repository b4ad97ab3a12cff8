// Parity's Prometheus counters (names shared in the brief): mirrored requests by result, comparisons by
// plan and page type, and mismatches by field. Registered on the proxy's registry.
import { Counter } from "prom-client";
import type { Registry } from "prom-client";

export interface ParityMetrics {
  shadowRequests: Counter<"plan" | "result">;
  compared: Counter<"plan" | "page_type">;
  mismatches: Counter<"plan" | "page_type" | "field">;
}

export function createParityMetrics(registry: Registry): ParityMetrics {
  const registers = [registry];
  return {
    shadowRequests: new Counter({
      name: "strangler_shadow_requests_total", help: "Stage shadow: requests picked for mirroring, by result (compared, dropped, timeout…)",
      labelNames: ["plan", "result"], registers,
    }),
    compared: new Counter({ name: "strangler_parity_compared_total", help: "Legacy and new answers compared", labelNames: ["plan", "page_type"], registers }),
    mismatches: new Counter({
      name: "strangler_parity_mismatches_total", help: "Compared answers whose field differed (noise left out)", labelNames: ["plan", "page_type", "field"], registers,
    }),
  };
}
