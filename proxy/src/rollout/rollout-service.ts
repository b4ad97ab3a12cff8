// What the admin API and the CLI ask of the rollout: every ramp's state with its guardrails and audit
// trail (the dashboard's read interface), and operator commands with a dry run. Commands are committed
// to the shared ramp state with a version check; the leader writes the flag (at once when it is this
// instance, else on its next tick).
import type { Plan } from "@strangler/migration-plans";
import type { AuditEntry, AuditLog } from "../admin/audit-log.ts";
import { UnknownRampError } from "./errors.ts";
import type { RampStore } from "./ramp-store.ts";
import { isRamped, type RampedPlan, type RolloutController } from "./rollout-controller.ts";
import { applyCommand, type OperatorCommand } from "./step-machine.ts";
import type { RampDecision, RampState } from "./types.ts";

export interface RampView {
  plan: string;
  flag: string;
  steps: readonly number[];
  bakeSeconds: number;
  evaluateSeconds: number;
  onBreach: "zero" | "previous";
  state: Omit<RampState, "baseline">;
  /** Epoch ms of the next look at the guardrails, while ramping. */
  nextEvaluationAt: number | undefined;
  /** Epoch ms the bake of the current step ends. */
  bakeEndsAt: number | undefined;
  leader: string | null;
  audit: AuditEntry[];
}

export type CommandOutcome =
  | { plan: string; command: OperatorCommand; dryRun: boolean; refused: string }
  | { plan: string; command: OperatorCommand; dryRun: boolean; decision: Omit<RampDecision, "next" | "verdicts">; state: Omit<RampState, "baseline"> };

export interface RolloutService {
  list(): Promise<RampView[]>;
  get(plan: string): Promise<RampView>;
  command(plan: string, command: OperatorCommand, options: { actor: string; why?: string | undefined; dryRun: boolean }): Promise<CommandOutcome>;
}

export interface RolloutServiceDeps {
  store: RampStore;
  audit: AuditLog;
  controller: RolloutController;
  getPlans(): readonly Plan[];
  /** The lease key's value: who leads now. */
  readLeader(): Promise<string | null>;
  now?: () => number;
}

export function createRolloutService(deps: RolloutServiceDeps): RolloutService {
  const now = deps.now ?? Date.now;
  const ramped = () => deps.getPlans().filter(isRamped);
  function find(id: string): RampedPlan {
    const plan = ramped().find((candidate) => candidate.id === id);
    if (!plan) throw new UnknownRampError(id, ramped().map((candidate) => candidate.id));
    return plan;
  }

  async function view(plan: RampedPlan, leader: string | null): Promise<RampView> {
    const { baseline: _baseline, ...state } = await deps.store.read(plan.id);
    void _baseline;
    const { steps, bakeSeconds, evaluateSeconds, onBreach } = plan.rollout.ramp;
    const ramping = state.status === "ramping";
    return {
      plan: plan.id, flag: plan.flag, steps, bakeSeconds, evaluateSeconds, onBreach, state, leader,
      nextEvaluationAt: ramping ? (state.lastEvaluatedAt ?? now()) + evaluateSeconds * 1000 : undefined,
      bakeEndsAt: ramping ? state.stepStartedAt + bakeSeconds * 1000 : undefined,
      audit: await deps.audit.list({ plan: plan.id, limit: 50 }),
    };
  }

  return {
    async list() {
      const leader = await deps.readLeader();
      return Promise.all(ramped().map((plan) => view(plan, leader)));
    },
    async get(id) {
      return view(find(id), await deps.readLeader());
    },
    async command(id, command, { actor, why, dryRun }) {
      const plan = find(id);
      const state = await deps.store.read(id);
      const result = applyCommand(state, plan.rollout.ramp, command, now(), actor);
      if ("refused" in result) return { plan: id, command, dryRun, refused: result.refused };
      const { next, verdicts: _verdicts, ...decision } = result;
      void _verdicts;
      const { baseline: _b, ...shown } = next;
      void _b;
      if (dryRun) return { plan: id, command, dryRun, decision, state: shown };
      const moved = next.percent !== state.percent;
      const stored = await deps.store.write(moved ? { ...next, baseline: await deps.controller.readBaseline(id) } : next);
      await deps.audit.write({ actor, action: `rollout-${command}`, plan: id, flag: plan.flag, from: state.percent, to: next.percent, why: why ?? decision.reason, values: { status: next.status } });
      if (moved) await deps.controller.applyNow(plan, stored);
      const { baseline: _c, ...after } = stored;
      void _c;
      return { plan: id, command, dryRun, decision, state: after };
    },
  };
}
