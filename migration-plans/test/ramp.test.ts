import { describe, expect, it } from "vitest";
import { checkPlanTexts } from "../src/load.ts";
import { checkFiles, KNOWN_TARGETS, summarize } from "./helpers.ts";

const plan = (rollout: string) => `id: p\ntarget: new-frontend\nmatch: [{ path: /x }]\nrollout:\n${rollout}`;

describe("rollout steps and guardrails", () => {
  it.each([
    ["steps alone (the default guardrail)", plan("  steps: [1, 5, 25, 100]\n")],
    ["every guardrail", plan([
      "  steps: [1, 5, 25, 50, 100]", "  bakeSeconds: 300", "  evaluateSeconds: 30", "  onBreach: previous", "  guardrails:",
      "    - { metric: error-rate, maxRatio: 2, minSamples: 500 }",
      "    - { metric: error-rate, max: 0.02 }",
      "    - { metric: latency-p95, maxRatio: 1.5 }",
      "    - { metric: parity, min: 0.98, minSamples: 50 }",
      "    - { metric: add-to-cart, maxRatio: 2 }",
      "    - { metric: add-to-cart, min: 0.9 }",
      "    - { metric: prometheus, query: 'sum(rate(x[5m]))', max: 3 }", "",
    ].join("\n"))],
  ])("accepts %s", (_name, text) => {
    expect(checkFiles({ "p.yaml": text })).toEqual([]);
  });

  it("normalizes defaults: bake 600 s, judged every 60 s, zero on breach, error rate at most twice legacy's", () => {
    const result = checkPlanTexts([{ file: "p.yaml", text: plan("  steps: [1, 100]\n") }], { knownTargets: KNOWN_TARGETS });
    expect(result.ok && result.plans[0]!.rollout).toEqual({
      percentage: 0, stickiness: "sessionId",
      ramp: { steps: [1, 100], bakeSeconds: 600, evaluateSeconds: 60, onBreach: "zero", guardrails: [{ metric: "error-rate", maxRatio: 2, minSamples: 200 }] },
    });
  });

  it("leaves plans without steps without a ramp", () => {
    const result = checkPlanTexts([{ file: "p.yaml", text: plan("  percentage: 5\n") }], { knownTargets: KNOWN_TARGETS });
    expect(result.ok && result.plans[0]!.rollout).toEqual({ percentage: 5, stickiness: "sessionId" });
  });

  it.each([
    ["steps that go down", plan("  steps: [1, 25, 5]\n"),
      "p.yaml:5:18 invalid-rollout rollout.steps must go up: 5 follows 25 | list each percentage once, smallest first, e.g. [1, 5, 25, 50, 100]"],
    ["a step above 100", plan("  steps: [1, 150]\n"),
      "p.yaml:5:14 invalid-rollout rollout.steps[1] must be at most 100, got 150 | list whole percentages from 1 to 100, strictly increasing, e.g. [1, 5, 25, 50, 100]"],
    ["guardrails without steps", plan("  guardrails: [{ metric: parity, min: 0.9 }]\n"),
      "p.yaml:5:15 invalid-rollout rollout.guardrails has no effect without rollout.steps | add steps, e.g. \"steps: [1, 5, 25, 50, 100]\", or remove it"],
    ["a guardrail without a bound", plan("  steps: [5]\n  guardrails: [{ metric: error-rate }]\n"),
      "p.yaml:6:16 invalid-rollout guardrail error-rate has no bound; it needs exactly one of maxRatio, max | write it as { metric: error-rate, maxRatio: 2 }"],
    ["a guardrail with two bounds", plan("  steps: [5]\n  guardrails: [{ metric: add-to-cart, maxRatio: 2, min: 0.9 }]\n"),
      "p.yaml:6:16 invalid-rollout guardrail add-to-cart has both maxRatio and min; it needs exactly one of maxRatio, min | write it as { metric: add-to-cart, maxRatio: 2 }"],
    ["a bound its metric does not take", plan("  steps: [5]\n  guardrails: [{ metric: latency-p95, maxRatio: 1.5, max: 0.3 }]\n"),
      "p.yaml:6:59 invalid-rollout guardrail latency-p95 takes no max | write it as { metric: latency-p95, maxRatio: 1.5 }"],
    ["a rate bound above 1", plan("  steps: [5]\n  guardrails: [{ metric: parity, min: 98 }]\n"),
      "p.yaml:6:39 invalid-rollout guardrail parity min is a share from 0 to 1, got 98 | write a share, e.g. 0.02 for 2 %"],
    ["a prometheus guardrail without a query", plan("  steps: [5]\n  guardrails: [{ metric: prometheus, max: 1 }]\n"),
      "p.yaml:6:16 invalid-rollout guardrail prometheus has no query | write it as { metric: prometheus, query: 'sum(up)', min: 1 }"],
    ["a misspelt guardrail key", plan("  steps: [5]\n  guardrails: [{ metric: parity, min: 0.9, minSample: 5 }]\n"),
      "p.yaml:6:44 unknown-key unknown key \"minSample\" in rollout.guardrails[0] | did you mean \"minSamples\"?"],
    ["an unknown metric", plan("  steps: [5]\n  guardrails: [{ metric: errors, max: 0.1 }]\n"),
      "p.yaml:6:26 invalid-rollout rollout.guardrails[0].metric must be one of error-rate, latency-p95, parity, add-to-cart, prometheus, got \"errors\" | use one of error-rate, latency-p95, parity, add-to-cart, prometheus"],
    ["a ratio not above 1", plan("  steps: [5]\n  guardrails: [{ metric: error-rate, maxRatio: 1 }]\n"),
      "p.yaml:6:48 invalid-rollout rollout.guardrails[0].maxRatio must be above 1, got 1 | use a number above 1, e.g. 2 (twice legacy's rate)"],
    ["an unknown onBreach", plan("  steps: [5]\n  onBreach: half\n"),
      "p.yaml:6:13 invalid-rollout rollout.onBreach must be one of zero, previous, got \"half\" | use \"zero\" (everyone back to legacy) or \"previous\" (the step before)"],
  ])("rejects %s", (_name, text, expected) => {
    expect(summarize(checkFiles({ "p.yaml": text }))).toEqual([expected]);
  });
});
