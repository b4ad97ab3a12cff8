// `strangler rollout simulate`: the decisions the controller would have taken on recorded per-minute
// counts (GET /stats/traffic's answer), with the same judge and step machine. The recording is replayed
// as it happened: its split between sides is the one that was live then, not the simulated step's, so
// read the output as "on these numbers, the controller would have…". Looks happen at minute ends (the
// recording's grain), every evaluateSeconds rounded up to whole minutes.
import type { Ramp } from "@strangler/migration-plans";
import type { PlanMinute } from "../stats/traffic-stats.ts";
import { judgeGuardrails } from "./judge-guardrails.ts";
import { applyCommand, evaluateStep, initialState } from "./step-machine.ts";
import { buildStepWindow } from "./step-window.ts";
import type { RampDecision } from "./types.ts";

const MINUTE_MS = 60_000;

export interface SimulatedDecision {
  at: number;
  action: RampDecision["action"];
  from: number;
  to: number;
  reason: string;
}

export function simulateRamp(plan: string, ramp: Ramp, recorded: readonly PlanMinute[]): SimulatedDecision[] {
  const minutes = [...recorded].filter((minute) => minute.plan === plan).sort((a, b) => a.minute - b.minute);
  if (minutes.length === 0) return [];
  const start = minutes[0]!.minute;
  const started = applyCommand(initialState(plan), ramp, "start", start, "simulation");
  if ("refused" in started) return [];
  const out: SimulatedDecision[] = [{ at: start, action: "start", from: 0, to: started.to, reason: started.reason }];
  let state = started.next;
  let lastHold = "";
  const every = Math.max(1, Math.ceil(ramp.evaluateSeconds / 60)) * MINUTE_MS;
  const end = minutes.at(-1)!.minute + MINUTE_MS;
  for (let at = start + every; at <= end && state.status === "ramping"; at += every) {
    const window = buildStepWindow(minutes.filter((minute) => minute.minute >= state.stepStartedAt && minute.minute < at), undefined);
    const decision = evaluateStep(state, ramp, judgeGuardrails(ramp.guardrails, { window }), at);
    state = decision.next;
    const kind = decision.reason.replace(/\d+(?:\.\d+)?/g, "#");
    if (decision.action === "hold" && kind === lastHold) continue;
    lastHold = decision.action === "hold" ? kind : "";
    out.push({ at, action: decision.action, from: decision.from, to: decision.to, reason: decision.reason });
  }
  return out;
}
