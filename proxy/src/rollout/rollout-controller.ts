// The rollout controller: every tick it takes or renews the lease; while it leads, for each plan with
// rollout.steps it (1) makes the flag match the ramp state (so a step another instance committed, or a
// leader that died between committing and writing, still lands), and (2) every evaluateSeconds judges the
// guardrails on the step's traffic and lets the step machine decide. Each move is committed to the ramp
// state first (fenced, version-checked), audited with the numbers it was decided on, then written to the
// flag (fenced again). Non-leaders only answer reads and operator commands.
import type { Plan, Ramp } from "@strangler/migration-plans";
import type { Logger } from "pino";
import type { AuditLog } from "../admin/audit-log.ts";
import type { TrafficStats } from "../stats/traffic-stats.ts";
import { RampConflictError } from "./errors.ts";
import type { FlagWriter } from "./flag-writer.ts";
import { judgeGuardrails } from "./judge-guardrails.ts";
import { LeaseLostError, type Lease } from "./lease.ts";
import type { ParitySource } from "./parity-source.ts";
import type { PrometheusSource } from "./prometheus-source.ts";
import type { RampStore } from "./ramp-store.ts";
import { evaluateStep } from "./step-machine.ts";
import { buildStepWindow } from "./step-window.ts";
import type { RampDecision, RampState } from "./types.ts";

const MINUTE_MS = 60_000;

export type RampedPlan = Plan & { rollout: Plan["rollout"] & { ramp: Ramp } };

export function isRamped(plan: Plan): plan is RampedPlan {
  return plan.rollout.ramp !== undefined;
}

export interface RolloutControllerDeps {
  lease: Lease;
  store: RampStore;
  flags: FlagWriter;
  stats: TrafficStats;
  audit: AuditLog;
  logger: Logger;
  getPlans(): readonly Plan[];
  parity?: ParitySource | undefined;
  prometheus?: PrometheusSource | undefined;
  now?: () => number;
  /** Told of every committed move and every hold (metrics). */
  onDecision?(decision: RampDecision): void;
  /** Told of every percentage written to a flag (the step gauge), whoever decided it. */
  onFlagWritten?(plan: string, percent: number): void;
}

export interface RolloutController {
  /** One pass; never throws (a failure is logged and the next tick retries). */
  tick(): Promise<void>;
  isLeader(): boolean;
  /** The step's first minute as it stands now: the baseline a new step subtracts. */
  readBaseline(plan: string): Promise<RampState["baseline"]>;
  /** Writes the flag at once when this instance leads (after an operator command); else the leader's next tick does. */
  applyNow(plan: RampedPlan, state: RampState): Promise<void>;
}

export function createRolloutController(deps: RolloutControllerDeps): RolloutController {
  const { lease, store, flags, stats, audit, logger } = deps;
  const now = deps.now ?? Date.now;
  /** What this leader last wrote to each flag; cleared on taking the lease, so the first tick rewrites. */
  const written = new Map<string, number>();
  const lastHold = new Map<string, string>();
  let leading = false;

  async function readBaseline(plan: string): Promise<RampState["baseline"]> {
    const start = now() - (now() % MINUTE_MS);
    return (await stats.minutes(plan, start, start + MINUTE_MS))[0];
  }

  async function writeFlag(plan: RampedPlan, percent: number): Promise<void> {
    await lease.check(); // the fencing token, right before the write
    await flags.write(plan, percent);
    written.set(plan.id, percent);
    deps.onFlagWritten?.(plan.id, percent);
  }

  async function evaluate(plan: RampedPlan, state: RampState): Promise<void> {
    const ramp = plan.rollout.ramp;
    const at = now();
    const fromMinute = state.stepStartedAt - (state.stepStartedAt % MINUTE_MS);
    const minutes = await stats.minutes(plan.id, fromMinute, at + 1);
    const parity = await deps.parity?.score(plan.id, state.stepStartedAt, at);
    const prometheus = new Map<string, number | undefined>();
    for (const guardrail of ramp.guardrails) {
      if (guardrail.query !== undefined) prometheus.set(guardrail.query, await deps.prometheus?.query(guardrail.query));
    }
    const verdicts = judgeGuardrails(ramp.guardrails, { window: buildStepWindow(minutes, state.baseline), parity, prometheus });
    const decision = evaluateStep(state, ramp, verdicts, at);
    const moved = decision.to !== decision.from || decision.next.status !== state.status;
    const next: RampState = { ...decision.next, verdicts, reason: decision.reason };
    if (moved) next.baseline = await readBaseline(plan.id);
    await store.write(next, { holder: lease.holder });
    deps.onDecision?.(decision);
    if (moved) {
      // Audited right after the commit, before the flag write: a leader killed in between leaves the move
      // in the log, and its successor's first tick writes the flag (the window left is commit → audit).
      await audit.write({
        actor: `rollout:${lease.holder ?? "?"}`, action: `rollout-${decision.action}`, plan: plan.id, flag: plan.flag, from: decision.from, to: decision.to,
        why: decision.reason, values: { flagStore: flags.kind, fencingToken: lease.token, verdicts: verdicts.map(summarizeVerdict) },
      });
      await writeFlag(plan, decision.to);
      lastHold.delete(plan.id);
      logger.warn({ plan: plan.id, action: decision.action, from: decision.from, to: decision.to, reason: decision.reason }, "rollout step");
      return;
    }
    // A hold is audited when what it says changes (baking → no data → thin data…), not on every look:
    // the same sentence with other counts is the same hold.
    const kind = decision.reason.replace(/\d+(?:\.\d+)?/g, "#");
    if (lastHold.get(plan.id) !== kind) {
      lastHold.set(plan.id, kind);
      await audit.write({
        actor: `rollout:${lease.holder ?? "?"}`, action: "rollout-hold", plan: plan.id, flag: plan.flag, from: decision.from, to: decision.to,
        why: decision.reason, values: { verdicts: verdicts.map(summarizeVerdict) },
      });
    }
  }

  async function tickPlan(plan: RampedPlan): Promise<void> {
    const state = await store.read(plan.id);
    if (state.status !== "idle" && written.get(plan.id) !== state.percent) await writeFlag(plan, state.percent);
    const due = (state.lastEvaluatedAt ?? 0) + plan.rollout.ramp.evaluateSeconds * 1000 <= now();
    if (state.status === "ramping" && due) await evaluate(plan, state);
  }

  async function tick(): Promise<void> {
    let leads: boolean;
    try {
      leads = await lease.refresh();
    } catch (error) {
      logger.warn({ err: error }, "rollout lease unreachable; not acting");
      leading = false;
      return;
    }
    if (leads && !leading) {
      written.clear();
      logger.info({ holder: lease.holder }, "rollout controller leads");
    }
    leading = leads;
    if (!leads) return;
    for (const plan of deps.getPlans().filter(isRamped)) {
      try {
        await tickPlan(plan);
      } catch (error) {
        if (error instanceof LeaseLostError) {
          leading = false;
          logger.warn({ plan: plan.id, err: error }, "rollout write refused by the fencing token; another instance leads");
          return;
        }
        if (error instanceof RampConflictError) continue; // an operator moved it meanwhile: next tick re-reads
        logger.error({ plan: plan.id, err: error }, "rollout evaluation failed; holding");
      }
    }
  }

  return {
    tick,
    isLeader: () => leading,
    readBaseline,
    async applyNow(plan, state) {
      if (!leading) return;
      try {
        await writeFlag(plan, state.percent);
      } catch (error) {
        logger.warn({ plan: plan.id, err: error }, "flag write after an operator command failed; the next tick retries");
      }
    },
  };
}

export function summarizeVerdict(verdict: RampDecision["verdicts"][number]): Record<string, unknown> {
  return {
    guardrail: verdict.label, status: verdict.status, value: verdict.value, legacy: verdict.legacyValue, bound: verdict.bound,
    samples: verdict.samples, minSamples: verdict.minSamples, statistic: verdict.statistic,
  };
}
