// The files for teams that run Prometheus: the Grafana dashboard (deploy/grafana/strangler.json,
// provisioned by the Compose stack) against the dashboard JSON model's required fields, and the alert
// rules (deploy/prometheus/alerts.yaml) read as promtool reads them: rule file shape, durations,
// templates, and every expression parsed by Prometheus' own PromQL grammar. Both use only shared metrics.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { baseMetricName, checkPromql, SHARED_METRICS, withGrafanaVariables } from "./support/promql.ts";

const repo = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(repo, path), "utf8");

// Grafana's dashboard JSON model (grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/):
// the fields Grafana needs to import a dashboard from a file, and a Prometheus panel's query fields.
const datasourceRef = { type: "object", required: ["type", "uid"], properties: { type: { type: "string" }, uid: { type: "string" } } };
const dashboardSchema = {
  type: "object",
  required: ["uid", "title", "schemaVersion", "panels", "time", "templating", "annotations", "version"],
  properties: {
    uid: { type: "string", pattern: "^[A-Za-z0-9_-]{1,40}$" },
    title: { type: "string", minLength: 1 },
    schemaVersion: { type: "integer", minimum: 36 },
    version: { type: "integer" },
    time: { type: "object", required: ["from", "to"] },
    refresh: { type: "string" },
    templating: { type: "object", required: ["list"], properties: { list: { type: "array", items: { type: "object", required: ["name", "type"] } } } },
    annotations: { type: "object", required: ["list"] },
    panels: {
      type: "array", minItems: 1,
      items: {
        type: "object",
        required: ["id", "type", "title", "gridPos"],
        properties: {
          id: { type: "integer" },
          type: { enum: ["row", "timeseries", "stat", "state-timeline", "table", "gauge"] },
          title: { type: "string", minLength: 1 },
          gridPos: {
            type: "object", required: ["h", "w", "x", "y"],
            properties: { h: { type: "integer", minimum: 1 }, w: { type: "integer", minimum: 1, maximum: 24 }, x: { type: "integer", minimum: 0, maximum: 23 }, y: { type: "integer", minimum: 0 } },
          },
          datasource: datasourceRef,
          targets: { type: "array", items: { type: "object", required: ["refId", "expr", "datasource"], properties: { refId: { type: "string" }, expr: { type: "string" }, datasource: datasourceRef } } },
        },
      },
    },
  },
};

interface Panel { id: number; type: string; title: string; gridPos: { h: number; w: number; x: number; y: number }; targets?: Array<{ expr: string }> }
interface Dashboard { panels: Panel[]; templating: { list: Array<{ name: string }> }; annotations: { list: Array<{ expr?: string }> } }

describe("Grafana dashboard deploy/grafana/strangler.json", () => {
  const dashboard = JSON.parse(read("deploy/grafana/strangler.json")) as Dashboard;
  const queries = [...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: panel.title, expr: target.expr }))),
    ...dashboard.annotations.list.filter((a) => a.expr).map((a) => ({ where: "annotation", expr: a.expr! }))];

  it("has the dashboard JSON model's required fields", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(dashboardSchema);
    expect(validate(dashboard) ? [] : validate.errors).toEqual([]);
  });

  it("lays panels out on the 24-column grid without overlaps, each id once", () => {
    const cells = new Map<string, string>();
    for (const { title, gridPos: { x, y, w, h } } of dashboard.panels) {
      expect(x + w, title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) {
        expect(cells.get(`${row}:${col}`), `${title} overlaps`).toBeUndefined();
        cells.set(`${row}:${col}`, title);
      }
    }
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it("shows the page's panels: share, split, error rate and p50/p95 per side, fallbacks, circuits, flag changes", () => {
    const all = queries.map((q) => q.expr).join("\n");
    for (const needed of ["strangler_plan_share_percent", "sum by (plan, side) (rate(strangler_requests_total", 'status="5xx"', "histogram_quantile(0.5", "histogram_quantile(0.95", "strangler_fallbacks_total", "strangler_circuit_open", "changes("]) {
      expect(all).toContain(needed);
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(["datasource", "plan"]);
  });

  it("parses every query with Prometheus' PromQL grammar and uses shared metric names only", () => {
    for (const { where, expr } of queries) {
      const check = checkPromql(withGrafanaVariables(expr));
      expect(check.errors, `${where}: ${expr}`).toEqual([]);
      for (const metric of check.metrics) expect(SHARED_METRICS.has(baseMetricName(metric)), `${where}: ${metric}`).toBe(true);
    }
  });
});

interface Rule { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const RULE_KEYS = new Set(["alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"]);

describe("alert rules deploy/prometheus/alerts.yaml", () => {
  const file = parse(read("deploy/prometheus/alerts.yaml")) as { groups: Array<{ name: string; interval?: string; rules: Rule[] }> };
  const rules = file.groups.flatMap((group) => group.rules);

  it("is a rule file as promtool reads it: named groups, alert rules with expr, durations, known keys", () => {
    expect(Object.keys(file)).toEqual(["groups"]);
    expect(new Set(file.groups.map((g) => g.name)).size).toBe(file.groups.length);
    for (const rule of rules) {
      expect(Object.keys(rule).filter((key) => !RULE_KEYS.has(key)), rule.alert).toEqual([]);
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(rule.record).toBeUndefined();
      if (rule.for !== undefined) expect(rule.for).toMatch(DURATION);
      for (const name of Object.keys(rule.labels ?? {})) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(rule.labels?.severity, rule.alert).toMatch(/^(page|warn)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it("has the four alerts the issue asks for", () => {
    expect(rules.map((r) => r.alert)).toEqual(["StranglerNewSideErrorRateAboveLegacy", "StranglerFallbacksRising", "StranglerCircuitOpen", "StranglerFlagRefreshStale"]);
  });

  it("parses every expression with Prometheus' PromQL grammar and uses shared metric names only", () => {
    for (const rule of rules) {
      const check = checkPromql(rule.expr);
      expect(check.errors, rule.alert).toEqual([]);
      expect(check.metrics.length, rule.alert).toBeGreaterThan(0);
      for (const metric of check.metrics) expect(SHARED_METRICS.has(baseMetricName(metric)), `${rule.alert}: ${metric}`).toBe(true);
    }
  });

  it("closes every template action in the annotations and names only labels the expression keeps", () => {
    for (const rule of rules) {
      for (const text of Object.values(rule.annotations ?? {})) {
        expect(text.split("{{").length, `${rule.alert}: ${text}`).toBe(text.split("}}").length);
        for (const [, label] of text.matchAll(/\$labels\.([A-Za-z_]\w*)/g)) expect(rule.expr, `${rule.alert} uses $labels.${label}`).toMatch(new RegExp(`by \\([^)]*\\b${label}\\b`));
      }
    }
  });

  it("is loaded by the Compose stack's Prometheus", () => {
    const prometheus = parse(read("deploy/prometheus/prometheus.yml")) as { rule_files: string[] };
    expect(prometheus.rule_files).toEqual(["/etc/prometheus/alerts.yaml"]);
    expect(read("docker-compose.yml")).toContain("./deploy/prometheus/alerts.yaml:/etc/prometheus/alerts.yaml:ro");
  });
});

describe("checkPromql", () => {
  it.each([
    ["accepts a ratio by plan", "sum by (plan) (rate(strangler_requests_total[5m])) / sum by (plan) (rate(strangler_requests_total[5m]))", []],
    ["rejects an unclosed call", "sum(rate(strangler_requests_total[5m])", ["error"]],
    ["rejects a dangling operator", "strangler_circuit_open ==", ["error"]],
  ])("%s", (_name, expr, expected) => {
    expect(checkPromql(expr).errors.map(() => "error").slice(0, 1)).toEqual(expected);
  });
});
