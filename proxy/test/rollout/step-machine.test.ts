// The step machine and the guardrail judge, on hand-built windows (pure: no proxy, no store).
import type { Guardrail, Ramp } from "@strangler/migration-plans";
import { describe, expect, it } from "vitest";
import { judgeGuardrails } from "../../src/rollout/judge-guardrails.ts";
import { applyCommand, evaluateStep, initialState } from "../../src/rollout/step-machine.ts";
import { buildStepWindow, emptySide, quantileMs } from "../../src/rollout/step-window.ts";
import type { RampState } from "../../src/rollout/types.ts";
import type { PlanMinute, SideCounts } from "../../src/stats/traffic-stats.ts";

const RAMP: Ramp = { steps: [1, 5, 25, 100], bakeSeconds: 60, evaluateSeconds: 10, onBreach: "zero", guardrails: [] };
const ERRORS: Guardrail = { metric: "error-rate", maxRatio: 2, minSamples: 100 };
const CART: Guardrail = { metric: "add-to-cart", maxRatio: 2, minSamples: 20 };
const LATENCY: Guardrail = { metric: "latency-p95", maxRatio: 1.5, minSamples: 100 };
const PARITY: Guardrail = { metric: "parity", min: 0.95, minSamples: 50 };

function side(requests: number, errors: number, extra: Partial<SideCounts> = {}): SideCounts {
  const latency = emptySide().latency;
  latency[3] = requests; // every request 5..10 ms
  return { ...emptySide(), requests, errors, latency, ...extra };
}
function minute(fresh: SideCounts, legacy: SideCounts, at = 0): PlanMinute {
  return { plan: "p", minute: at, new: fresh, legacy };
}
const ramping = (stepIndex: number, startedAt = 0): RampState => ({ ...initialState("p"), status: "ramping", stepIndex, percent: RAMP.steps[stepIndex]!, stepStartedAt: startedAt, version: 3 });

describe("judgeGuardrails", () => {
  it.each([
    ["a healthy new side", [ERRORS], minute(side(500, 1), side(9500, 20)), "pass"],
    ["a new side failing 3 % of pages", [ERRORS], minute(side(500, 15), side(9500, 0)), "breach"],
    ["too little traffic on the new side", [ERRORS], minute(side(40, 0), side(3960, 2)), "thin"],
    ["no traffic at all", [ERRORS], minute(side(0, 0), side(0, 0)), "no-data"],
    ["add-to-cart failing on the new side", [CART], minute(side(300, 0, { addToCartAttempts: 30, addToCartSuccesses: 20 }), side(3000, 0, { addToCartAttempts: 300, addToCartSuccesses: 299 })), "breach"],
    ["add-to-cart as good as legacy", [CART], minute(side(300, 0, { addToCartAttempts: 30, addToCartSuccesses: 30 }), side(3000, 0, { addToCartAttempts: 300, addToCartSuccesses: 299 })), "pass"],
    ["a new side two buckets slower", [LATENCY], minute({ ...side(500, 0), latency: shifted(500, 5) }, side(5000, 0)), "breach"],
    ["equal latency", [LATENCY], minute(side(500, 0), side(5000, 0)), "pass"],
  ])("%s", (_name, guardrails, data, status) => {
    expect(judgeGuardrails(guardrails, { window: buildStepWindow([data], undefined) }).map((verdict) => verdict.status)).toEqual([status]);
  });

  it.each([
    ["a parity source that says nothing", undefined, "no-data"],
    ["a good score", { score: 0.99, samples: 200 }, "pass"],
    ["a score far below the bound", { score: 0.8, samples: 200 }, "breach"],
    ["a good score on too few comparisons", { score: 1, samples: 10 }, "thin"],
  ])("parity: %s", (_name, parity, status) => {
    expect(judgeGuardrails([PARITY], { window: buildStepWindow([], undefined), parity })[0]!.status).toBe(status);
  });

  it("judges a step on its own requests: the first minute's baseline is subtracted", () => {
    const before = minute(side(1000, 30), side(1000, 0), 60_000);
    const now = minute(side(1010, 30), side(1100, 0), 60_000);
    const window = buildStepWindow([now], before);
    expect([window.new.requests, window.new.errors, window.legacy.requests]).toEqual([10, 0, 100]);
  });

  it("reads p95 as the upper bound of its bucket", () => {
    expect(quantileMs(side(100, 0).latency, 0.95)).toBe(10);
  });

  it("names the numbers a breach was decided on", () => {
    const [verdict] = judgeGuardrails([ERRORS], { window: buildStepWindow([minute(side(500, 15), side(9500, 0))], undefined) });
    expect(verdict).toMatchObject({ value: 0.03, legacyValue: 0, bound: 2, samples: { new: 500, legacy: 9500 }, statistic: { test: "sprt", value: 9.665, threshold: 2.996 } });
    expect(verdict!.detail).toBe("error rate of the new side is at least 2× legacy's: new 15/500 (3 %), legacy 0/9500 (0 %), SPRT log LR 9.665 (breach at 2.996)");
  });
});

function shifted(requests: number, bucket: number): number[] {
  const latency = emptySide().latency;
  latency[bucket] = requests;
  return latency;
}

const pass = judgeGuardrails([ERRORS], { window: buildStepWindow([minute(side(500, 0), side(9500, 0))], undefined) });
const breach = judgeGuardrails([ERRORS], { window: buildStepWindow([minute(side(500, 15), side(9500, 0))], undefined) });
const thin = judgeGuardrails([ERRORS], { window: buildStepWindow([minute(side(5, 0), side(95, 0))], undefined) });

describe("evaluateStep", () => {
  it.each([
    ["promotes a baked step whose guardrails pass", ramping(1), pass, 61_000, "promote", 25, "ramping"],
    ["holds while baking", ramping(1), pass, 30_000, "hold", 5, "ramping"],
    ["rolls back at once on a breach, baked or not", ramping(2), breach, 1_000, "rollback", 0, "rolled-back"],
    ["holds on thin data, however long it baked", ramping(1), thin, 3_600_000, "hold", 5, "ramping"],
    ["completes at the last step", ramping(2), pass, 61_000, "complete", 100, "complete"],
    ["does nothing while paused", { ...ramping(1), status: "paused" as const }, breach, 61_000, "hold", 5, "paused"],
  ])("%s", (_name, state, verdicts, now, action, to, status) => {
    const result = evaluateStep(state, RAMP, verdicts, now);
    expect([result.action, result.to, result.next.status]).toEqual([action, to, status]);
  });

  it("goes back one step and pauses when onBreach is previous", () => {
    const result = evaluateStep(ramping(2), { ...RAMP, onBreach: "previous" }, breach, 1_000);
    expect([result.action, result.to, result.next.status, result.next.stepIndex]).toEqual(["rollback", 5, "paused", 1]);
  });

  it("says why it holds on thin data", () => {
    expect(evaluateStep(ramping(1), RAMP, thin, 61_000).reason).toBe("holding, not enough data: error-rate < 2× legacy: thin data (5/95 of 100)");
  });

  it("promotes to the first step above the current share when the plan's steps were edited mid-ramp", () => {
    const edited = { ...RAMP, steps: [1, 2, 10, 100] };
    const result = evaluateStep({ ...ramping(1), percent: 5 }, edited, pass, 61_000);
    expect([result.action, result.to, result.next.stepIndex]).toEqual(["promote", 10, 2]);
    const shrunk = evaluateStep({ ...ramping(2), percent: 25 }, { ...RAMP, steps: [1, 5] }, pass, 61_000);
    expect([shrunk.action, shrunk.to, shrunk.next.status]).toEqual(["complete", 25, "complete"]);
  });

  it("starts the bake over at each new step", () => {
    expect(evaluateStep(ramping(0), RAMP, pass, 61_000).next.stepStartedAt).toBe(61_000);
  });
});

describe("applyCommand", () => {
  const idle = initialState("p");
  const rolledBack = { ...idle, status: "rolled-back" as const, stepIndex: -1, percent: 0 };
  it.each([
    ["start from idle begins at the first step", idle, "start", "start", 1],
    ["start after a rollback begins at the first step again", rolledBack, "start", "start", 1],
    ["promote skips the bake", ramping(0), "promote", "promote", 5],
    ["rollback sends everyone to legacy", ramping(2), "rollback", "rollback", 0],
    ["pause keeps the percentage", ramping(1), "pause", "pause", 5],
    ["resume keeps the percentage", { ...ramping(1), status: "paused" as const }, "resume", "resume", 5],
  ] as const)("%s", (_name, state, command, action, to) => {
    const result = applyCommand(state, RAMP, command, 5_000, "cli");
    expect("refused" in result ? result : [result.action, result.to]).toEqual([action, to]);
  });

  it.each([
    ["start while ramping", ramping(1), "start", "already ramping at 5 %"],
    ["resume while ramping", ramping(1), "resume", "not paused (ramping)"],
    ["rollback when nothing ramps", initialState("p"), "rollback", "nothing to roll back (idle)"],
  ] as const)("refuses %s", (_name, state, command, refused) => {
    expect(applyCommand(state, RAMP, command, 5_000, "cli")).toEqual({ refused });
  });
});
