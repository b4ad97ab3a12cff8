// The rollout section of the migration dashboard (its "rollout" panel seam): one row per guardrail of
// each plan with rollout.steps, beside the plan's status and step, the next evaluation and the last
// decision, so the page shows each guardrail's value against its bound and why the ramp stands where it does.
import type { DashboardPanel, DashboardPanelProvider } from "../admin/dashboard/dashboard-state.ts";
import type { RolloutService } from "./rollout-service.ts";

const COLUMNS = ["plan", "status", "step", "next evaluation", "guardrail", "verdict", "value", "bound", "sample", "statistic", "last decision"];

function describeValue(value: number | null | undefined): string | null {
  return value === undefined || value === null ? null : String(Math.round(value * 10_000) / 10_000);
}

function relative(at: number | undefined, now: number): string | null {
  return at === undefined ? null : at <= now ? "due" : `in ${Math.ceil((at - now) / 1000)} s`;
}

export function createRolloutPanel(service: RolloutService, now: () => number = Date.now): DashboardPanelProvider {
  return {
    async read(): Promise<DashboardPanel> {
      const ramps = await service.list();
      const rows: DashboardPanel["rows"] = [];
      for (const ramp of ramps) {
        const step = `${ramp.state.percent} % (${ramp.steps.join(" → ")})`;
        const last = ramp.audit[0] ? `${ramp.audit[0].action} ${ramp.audit[0].from ?? "?"} → ${ramp.audit[0].to ?? "?"}: ${ramp.audit[0].why ?? ""}` : null;
        const head = [ramp.plan, ramp.state.status, step, relative(ramp.nextEvaluationAt, now())];
        const verdicts = ramp.state.verdicts ?? [];
        if (verdicts.length === 0) rows.push([...head, null, null, null, null, null, null, last]);
        for (const verdict of verdicts) {
          const sample = `${verdict.samples.new}${verdict.samples.legacy === undefined ? "" : `/${verdict.samples.legacy}`} of ${verdict.minSamples}`;
          const statistic = verdict.statistic ? `${verdict.statistic.test} ${verdict.statistic.value} (limit ${verdict.statistic.threshold})` : null;
          const value = verdict.legacyValue === undefined || verdict.legacyValue === null ? describeValue(verdict.value) : `${describeValue(verdict.value) ?? "-"} (legacy ${describeValue(verdict.legacyValue)})`;
          rows.push([...head, verdict.label, verdict.status, value, verdict.bound, sample, statistic, last]);
        }
      }
      return { columns: COLUMNS, rows, note: ramps.length === 0 ? "no plan has rollout.steps" : "audit trail: GET /audit?plan=<id>; details: GET /rollout/<id>" };
    },
  };
}
