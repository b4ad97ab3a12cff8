// PromQL checked the way promtool reads it: Prometheus' own Lezer grammar (@prometheus-io/lezer-promql,
// the one its web UI parses with). An expression is valid when the tree has no error node; the metric
// names it selects are read from the tree, so they can be checked against the shared names.
import { parser } from "@prometheus-io/lezer-promql";

/** Grafana's own variables stand for a duration or a regex at query time. */
export function withGrafanaVariables(expr: string): string {
  return expr.replaceAll("$__rate_interval", "5m").replaceAll("$__interval", "1m");
}

export interface PromqlCheck {
  errors: string[];
  metrics: string[];
}

export function checkPromql(expr: string): PromqlCheck {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const metrics = new Set<string>();
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: ${JSON.stringify(expr.slice(Math.max(0, node.from - 15), node.to + 15))}`);
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector") metrics.add(expr.slice(node.from, node.to));
    },
  });
  if (expr.trim() === "") errors.push("empty expression");
  return { errors, metrics: [...metrics] };
}

/** The metric names every member shares (brief and README "Metrics"); histogram series by their base name. */
export const SHARED_METRICS = new Set([
  "strangler_requests_total", "strangler_request_duration_seconds", "strangler_fallbacks_total", "strangler_circuit_open",
  "strangler_upstream_pool_size", "strangler_upstream_in_flight", "strangler_upstream_queue_length", "strangler_plan_share_percent",
  "strangler_flag_refresh_age_seconds", "strangler_flag_saved_state_answers_total", "strangler_page_type_lookups_total",
  "strangler_plan_reloads_total", "strangler_plan_problems", "strangler_shadow_requests_total", "strangler_parity_compared_total",
  "strangler_parity_mismatches_total", "strangler_rollout_step_percent", "strangler_rollout_decisions_total",
]);

export function baseMetricName(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, "");
}
