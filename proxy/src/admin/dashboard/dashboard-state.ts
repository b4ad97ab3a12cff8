// Everything the dashboard page shows, in one JSON answer, from the proxy's own parts: loaded plans
// with their flag and share, per-minute traffic per plan (TrafficStats, so no Prometheus is needed),
// upstream circuits and fallbacks, the decisions ring, the audit log, and the optional panels other
// members plug in (parity scores, the rollout controller).
import { describeMatch } from "../../cli/format-plan-status.ts";
import { describeShare } from "../../flags/admin-router.ts";
import type { FlagShare } from "../../flags/admin-router.ts";
import type { ManagedFlagProvider } from "../../flags/types.ts";
import type { Upstream } from "../../forward/upstream.ts";
import type { PlanState } from "../../plans/plan-state.ts";
import { MINUTE_MS } from "../../stats/minute-table.ts";
import type { TrafficStats } from "../../stats/traffic-stats.ts";
import type { AuditEntry, AuditLog } from "../audit-log.ts";
import type { DecisionLog } from "../decision-log.ts";
import type { ProxyMetrics } from "../metrics.ts";
import { buildPlanSeries } from "./plan-series.ts";
import type { PlanSeries } from "./plan-series.ts";

/** A table another member shows on the page (parity scores, rollout steps). */
export interface DashboardPanel {
  columns: string[];
  rows: Array<Array<string | number | null>>;
  note?: string;
}

export interface DashboardPanelProvider {
  read(): DashboardPanel | Promise<DashboardPanel>;
}

export interface DashboardSources {
  plans: PlanState;
  decisions: DecisionLog;
  upstreams: ReadonlyMap<string, Upstream>;
  metrics: ProxyMetrics;
  /** Absent when flags are the plans' own rollout: the page then shows no buttons. */
  flags?: ManagedFlagProvider | undefined;
  trafficStats?: TrafficStats | undefined;
  audit?: AuditLog | undefined;
  /** Optional panels: parity (the shadow member), rollout (the rollout controller). */
  panels?: Partial<Record<"parity" | "rollout", DashboardPanelProvider>>;
  now?: () => number;
}

export interface DashboardPlan {
  id: string;
  target: string;
  fallback: string;
  match: string[];
  flag: string;
  killed: boolean;
  share: FlagShare;
  /** The last audit line for this plan, if any. */
  lastChange: AuditEntry | undefined;
  series: PlanSeries;
}

async function readFallbacksByUpstream(metrics: ProxyMetrics): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const value of (await metrics.fallbacks.get()).values) {
    const from = String(value.labels.from ?? "");
    totals.set(from, (totals.get(from) ?? 0) + value.value);
  }
  return totals;
}

async function readPanel(provider: DashboardPanelProvider | undefined): Promise<DashboardPanel | { error: string } | null> {
  if (!provider) return null;
  try { return await provider.read(); } catch (error) { return { error: error instanceof Error ? error.message : String(error) }; }
}

export async function readDashboardState(sources: DashboardSources, windowMinutes: number) {
  const now = (sources.now ?? Date.now)();
  const to = now - (now % MINUTE_MS) + MINUTE_MS;
  let statsError: string | undefined;
  const rows = await (sources.trafficStats?.minutes(undefined, to - windowMinutes * MINUTE_MS, to) ?? Promise.resolve([]))
    .catch((error: unknown) => { statsError = error instanceof Error ? error.message : String(error); return []; });
  const audit = (await sources.audit?.list({ limit: 200 })) ?? [];
  const fallbacks = await readFallbacksByUpstream(sources.metrics);
  const flags = sources.flags;
  const plans: DashboardPlan[] = sources.plans.status().plans.map((plan) => {
    const state = flags?.getFlag(plan.flag);
    return {
      id: plan.id, target: plan.target, fallback: plan.fallback, match: plan.match.map((entry) => describeMatch({ ...entry, methods: [...entry.methods] } as Parameters<typeof describeMatch>[0])), flag: plan.flag,
      killed: state?.killed ?? false,
      share: state ? describeShare(state, plan.rollout, flags!.ready()) : { percentage: plan.rollout.percentage, decidedBy: "plan-rollout" },
      lastChange: audit.find((entry) => entry.plan === plan.id || (entry.plan === undefined && entry.flag === plan.flag)),
      series: buildPlanSeries(plan.id, rows, now, windowMinutes),
    };
  });
  return {
    now, windowMinutes, managedFlags: flags !== undefined, flagsMode: flags?.mode ?? "plan-rollout", statsError,
    plans,
    upstreams: [...sources.upstreams.values()].map((u) => ({ name: u.name, url: u.url.href, circuit: u.breaker?.state() ?? "none", fallbacks: fallbacks.get(u.name) ?? 0 })),
    decisions: sources.decisions.list(300),
    audit,
    panels: { parity: await readPanel(sources.panels?.parity), rollout: await readPanel(sources.panels?.rollout) },
  };
}
