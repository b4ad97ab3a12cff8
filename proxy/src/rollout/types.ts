// The rollout controller's data: a plan's ramp state (shared by every proxy through Redis), the verdict
// on each guardrail, and the decision taken on them, with the numbers it was taken on.
import type { Guardrail } from "@strangler/migration-plans";
import type { PlanMinute } from "../stats/traffic-stats.ts";

/**
 * idle: never started (0 %); ramping: the controller moves it; paused: held by a person or by a breach
 * with onBreach previous; rolled-back: a breach sent everyone to legacy, `start` begins at the first
 * step again; complete: the last step was reached.
 */
export type RampStatus = "idle" | "ramping" | "paused" | "rolled-back" | "complete";

export interface RampState {
  plan: string;
  status: RampStatus;
  /** Index into the plan's steps; -1 is 0 % (nobody on the new side). */
  stepIndex: number;
  percent: number;
  /** Epoch ms the current step began. */
  stepStartedAt: number;
  /** The step's first minute as it stood when the step began (see step-window.ts). */
  baseline?: PlanMinute;
  lastEvaluatedAt?: number;
  /** The last evaluation's verdicts and why it did what it did, for the dashboard and `rollout status`. */
  verdicts?: GuardrailVerdict[];
  reason?: string;
  /** Bumped by every change; writes compare it, so two writers never both move a step. */
  version: number;
}

export type VerdictStatus = "pass" | "breach" | "thin" | "no-data";

export interface GuardrailVerdict {
  guardrail: Guardrail;
  /** e.g. "error-rate ≤ 2× legacy". */
  label: string;
  status: VerdictStatus;
  /** The new side's figure (rate, p95 ms, score, query value). */
  value?: number | undefined;
  /** Legacy's figure when compared with legacy. */
  legacyValue?: number | undefined;
  /** The bound in the guardrail's own unit (a ratio, a rate, a score). */
  bound: number;
  samples: { new: number; legacy?: number };
  minSamples: number;
  /** The test and its figure: SPRT log likelihood ratio against its threshold, Mann–Whitney z, or the bare value. */
  statistic?: { test: "sprt" | "mann-whitney" | "threshold"; value: number; threshold: number };
  detail: string;
}

export type RampAction = "start" | "promote" | "complete" | "hold" | "rollback" | "pause" | "resume";

export interface RampDecision {
  plan: string;
  action: RampAction;
  from: number;
  to: number;
  /** Why, in a sentence naming the guardrail and its numbers. */
  reason: string;
  verdicts: GuardrailVerdict[];
  next: RampState;
}
