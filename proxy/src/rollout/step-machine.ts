// The ramp's step machine: pure. Given the state, the plan's ramp, the guardrails' verdicts and the time,
// it says what to do and what the state becomes. A breach acts at once, baked or not; promotion needs the
// bake time AND every guardrail passing on enough data; thin or missing data holds, never promotes.
// Operator commands (start, pause, resume, promote, rollback) go through here too, so the CLI's
// --dry-run prints exactly what the controller would write.
import type { Ramp } from "@strangler/migration-plans";
import type { GuardrailVerdict, RampAction, RampDecision, RampState } from "./types.ts";

export function initialState(plan: string): RampState {
  return { plan, status: "idle", stepIndex: -1, percent: 0, stepStartedAt: 0, version: 0 };
}

function moveTo(state: RampState, stepIndex: number, ramp: Ramp, now: number, status: RampState["status"]): RampState {
  const { baseline: _dropped, ...rest } = state;
  void _dropped;
  return { ...rest, status, stepIndex, percent: stepIndex < 0 ? 0 : ramp.steps[stepIndex]!, stepStartedAt: now, lastEvaluatedAt: now };
}

function decision(state: RampState, action: RampAction, next: RampState, reason: string, verdicts: GuardrailVerdict[] = []): RampDecision {
  return { plan: state.plan, action, from: state.percent, to: next.percent, reason, verdicts, next };
}

/** One evaluation of a ramping plan. Not ramping: hold, nothing changes. */
export function evaluateStep(state: RampState, ramp: Ramp, verdicts: GuardrailVerdict[], now: number): RampDecision {
  const judged = { ...state, lastEvaluatedAt: now };
  if (state.status !== "ramping") return decision(state, "hold", judged, `not ramping (${state.status})`, verdicts);
  const breaches = verdicts.filter((verdict) => verdict.status === "breach");
  if (breaches.length > 0) {
    const why = breaches.map((verdict) => `${verdict.label}: ${verdict.detail}`).join("; ");
    if (ramp.onBreach === "previous" && state.stepIndex > 0) {
      return decision(state, "rollback", moveTo(state, state.stepIndex - 1, ramp, now, "paused"), `breach, back one step and paused: ${why}`, verdicts);
    }
    return decision(state, "rollback", moveTo(state, -1, ramp, now, "rolled-back"), `breach, everyone back to legacy: ${why}`, verdicts);
  }
  const waiting = verdicts.filter((verdict) => verdict.status === "thin" || verdict.status === "no-data");
  if (waiting.length > 0) {
    const why = waiting.map((verdict) => `${verdict.label}: ${verdict.status === "thin" ? `thin data (${verdict.samples.new}${verdict.samples.legacy === undefined ? "" : `/${verdict.samples.legacy}`} of ${verdict.minSamples})` : "no data"}`).join("; ");
    return decision(state, "hold", judged, `holding, not enough data: ${why}`, verdicts);
  }
  const bakedMs = now - state.stepStartedAt;
  const bakeMs = ramp.bakeSeconds * 1000;
  if (bakedMs < bakeMs) return decision(state, "hold", judged, `baking: ${Math.ceil((bakeMs - bakedMs) / 1000)} s left at ${state.percent} %`, verdicts);
  return promote(state, ramp, now, `every guardrail passed after ${Math.round(bakedMs / 1000)} s at ${state.percent} %`, verdicts);
}

/** The next step is the first above the current share, so a plan edited mid-ramp never moves shoppers back. */
function promote(state: RampState, ramp: Ramp, now: number, reason: string, verdicts: GuardrailVerdict[] = []): RampDecision {
  const nextIndex = ramp.steps.findIndex((step) => step > state.percent);
  if (nextIndex === -1) return decision(state, "complete", { ...state, status: "complete", lastEvaluatedAt: now }, `${reason}; no step above ${state.percent} % is left`, verdicts);
  const last = nextIndex === ramp.steps.length - 1;
  return decision(state, last ? "complete" : "promote", moveTo(state, nextIndex, ramp, now, last ? "complete" : "ramping"), reason, verdicts);
}

export type OperatorCommand = "start" | "pause" | "resume" | "promote" | "rollback";

/** What an operator's command does; `refused` says why it does nothing in this state. */
export function applyCommand(state: RampState, ramp: Ramp, command: OperatorCommand, now: number, who: string): RampDecision | { refused: string } {
  const by = `by ${who}`;
  switch (command) {
    case "start":
      if (state.status === "ramping" || state.status === "paused") return { refused: `already ${state.status} at ${state.percent} %` };
      // After a rollback (or a finished ramp) a start begins again at the first step.
      return decision(state, "start", moveTo(state, 0, ramp, now, ramp.steps.length === 1 ? "complete" : "ramping"), `started ${by} at the first step`);
    case "pause":
      if (state.status !== "ramping") return { refused: `not ramping (${state.status})` };
      return decision(state, "pause", { ...state, status: "paused" }, `paused ${by} at ${state.percent} %`);
    case "resume":
      if (state.status !== "paused") return { refused: `not paused (${state.status})` };
      // The bake starts over: what was seen before the pause may be stale.
      return decision(state, "resume", moveTo(state, state.stepIndex, ramp, now, "ramping"), `resumed ${by} at ${state.percent} %`);
    case "promote":
      if (state.status !== "ramping" && state.status !== "paused") return { refused: `not ramping (${state.status})` };
      return promote(state, ramp, now, `promoted ${by} from ${state.percent} %, without waiting for the bake`);
    case "rollback":
      if (state.status === "idle" || state.status === "rolled-back") return { refused: `nothing to roll back (${state.status})` };
      return decision(state, "rollback", moveTo(state, -1, ramp, now, "rolled-back"), `rolled back ${by}: everyone to legacy`);
  }
}
