// Each guardrail's verdict on a step's window: pure, so the same code judges live traffic, the CLI's
// simulation and the table tests. Thin data is never a pass: a guardrail below its minimum sample holds
// the ramp. A breach, though, may be declared on less: the SPRT already accounts for the sample it saw.
import type { Guardrail } from "@strangler/migration-plans";
import { compareHistograms } from "./mann-whitney.ts";
import { testRateBound, testRateRatio, type SprtResult } from "./sprt.ts";
import { quantileMs, type StepWindow } from "./step-window.ts";
import type { GuardrailVerdict } from "./types.ts";

/** One-sided Mann–Whitney per look: z ≥ 2.326 is α = 0.01. */
export const LATENCY_Z = 2.326;

export interface ParityReading {
  /** Share of comparisons that matched, 0..1. */
  score: number;
  samples: number;
}

export interface GuardrailInputs {
  window: StepWindow;
  parity?: ParityReading | undefined;
  /** The value each Prometheus query answered; undefined when it answered nothing or failed. */
  prometheus?: ReadonlyMap<string, number | undefined>;
}

export function judgeGuardrails(guardrails: readonly Guardrail[], inputs: GuardrailInputs): GuardrailVerdict[] {
  return guardrails.map((guardrail) => judge(guardrail, inputs));
}

function judge(g: Guardrail, inputs: GuardrailInputs): GuardrailVerdict {
  switch (g.metric) {
    case "error-rate": return judgeRate(g, inputs.window, "error rate", (side) => [side.errors, side.requests]);
    case "add-to-cart": return judgeRate(g, inputs.window, "add-to-cart failure rate", (side) => [side.addToCartAttempts - side.addToCartSuccesses, side.addToCartAttempts]);
    case "latency-p95": return judgeLatency(g, inputs.window);
    case "parity": return judgeParity(g, inputs.parity);
    case "prometheus": return judgePrometheus(g, inputs.prometheus?.get(g.query!));
  }
}

type Side = StepWindow["new"];

function rate(events: number, trials: number): number | undefined {
  return trials > 0 ? events / trials : undefined;
}

function fromSprt(result: SprtResult): GuardrailVerdict["statistic"] {
  return { test: "sprt", value: round(result.llr), threshold: round(result.threshold) };
}

function judgeRate(g: Guardrail, window: StepWindow, noun: string, read: (side: Side) => [number, number]): GuardrailVerdict {
  const [newEvents, newTrials] = read(window.new);
  const [legacyEvents, legacyTrials] = read(window.legacy);
  const value = rate(newEvents, newTrials);
  if (g.maxRatio !== undefined) {
    const result = testRateRatio(window.minutes.map((minute) => {
      const [ne, nt] = read(minute.new);
      const [le, lt] = read(minute.legacy);
      return { newEvents: ne, newTrials: nt, legacyEvents: le, legacyTrials: lt };
    }), g.maxRatio);
    const base = { guardrail: g, label: `${g.metric} < ${g.maxRatio}× legacy`, value, legacyValue: rate(legacyEvents, legacyTrials), bound: g.maxRatio,
      samples: { new: newTrials, legacy: legacyTrials }, minSamples: g.minSamples, statistic: fromSprt(result) };
    const figures = `new ${describeRate(newEvents, newTrials)}, legacy ${describeRate(legacyEvents, legacyTrials)}, SPRT log LR ${round(result.llr)} (breach at ${round(result.threshold)})`;
    if (result.breached) return { ...base, status: "breach", detail: `${noun} of the new side is at least ${g.maxRatio}× legacy's: ${figures}` };
    return { ...base, ...sampleStatus(newTrials, legacyTrials, g.minSamples), detail: figures };
  }
  // Absolute: error-rate has max; add-to-cart has min (a success rate), judged as its failure rate.
  const bound = g.max ?? 1 - g.min!;
  const result = testRateBound(newEvents, newTrials, bound);
  const label = g.max !== undefined ? `${g.metric} ≤ ${g.max}` : `${g.metric} success ≥ ${g.min}`;
  const base = { guardrail: g, label, value: g.min !== undefined && value !== undefined ? 1 - value : value, bound: g.max ?? g.min!,
    samples: { new: newTrials }, minSamples: g.minSamples, statistic: fromSprt(result) };
  const figures = `new ${describeRate(newEvents, newTrials)}, SPRT log LR ${round(result.llr)} (breach at ${round(result.threshold)})`;
  if (result.breached) return { ...base, status: "breach", detail: `${noun} of the new side reached ${round(bound)}: ${figures}` };
  return { ...base, ...sampleStatus(newTrials, undefined, g.minSamples), detail: figures };
}

function judgeLatency(g: Guardrail, window: StepWindow): GuardrailVerdict {
  const p95New = quantileMs(window.new.latency, 0.95);
  const p95Legacy = quantileMs(window.legacy.latency, 0.95);
  const ratio = p95New !== undefined && p95Legacy !== undefined ? p95New / p95Legacy : undefined;
  const test = compareHistograms(window.new.latency, window.legacy.latency);
  const base = { guardrail: g, label: `latency-p95 < ${g.maxRatio}× legacy`, value: p95New, legacyValue: p95Legacy, bound: g.maxRatio!,
    samples: { new: window.new.requests, legacy: window.legacy.requests }, minSamples: g.minSamples,
    statistic: { test: "mann-whitney" as const, value: round(test.z), threshold: LATENCY_Z } };
  const figures = `p95 new ${p95New ?? "-"} ms, legacy ${p95Legacy ?? "-"} ms (ratio ${ratio === undefined ? "-" : round(ratio)}), Mann–Whitney z ${round(test.z)}`;
  const enough = sampleStatus(window.new.requests, window.legacy.requests, g.minSamples);
  // Both: slower by the bound (the effect that matters) AND significantly slower (not one noisy bucket).
  if (enough.status === "pass" && ratio !== undefined && ratio >= g.maxRatio! && test.z >= LATENCY_Z) {
    return { ...base, status: "breach", detail: `the new side is slower: ${figures}` };
  }
  return { ...base, ...enough, detail: figures };
}

function judgeParity(g: Guardrail, parity: ParityReading | undefined): GuardrailVerdict {
  const base = { guardrail: g, label: `parity ≥ ${g.min}`, bound: g.min!, minSamples: g.minSamples };
  if (parity === undefined) return { ...base, status: "no-data", samples: { new: 0 }, detail: "no parity source answered (is shadowing on for this plan?)" };
  const mismatches = Math.round((1 - parity.score) * parity.samples);
  const result = testRateBound(mismatches, parity.samples, 1 - g.min!);
  const verdict = { ...base, value: parity.score, samples: { new: parity.samples }, statistic: fromSprt(result) };
  const figures = `score ${round(parity.score)} over ${parity.samples} comparisons, SPRT log LR ${round(result.llr)} (breach at ${round(result.threshold)})`;
  if (result.breached) return { ...verdict, status: "breach", detail: `parity fell below ${g.min}: ${figures}` };
  return { ...verdict, ...sampleStatus(parity.samples, undefined, g.minSamples), detail: figures };
}

function judgePrometheus(g: Guardrail, value: number | undefined): GuardrailVerdict {
  const bound = g.max ?? g.min!;
  const label = `${g.query} ${g.max !== undefined ? "≤" : "≥"} ${bound}`;
  const base = { guardrail: g, label, bound, samples: { new: value === undefined ? 0 : 1 }, minSamples: 1 };
  if (value === undefined) return { ...base, status: "no-data", detail: "the query answered no sample" };
  const breached = g.max !== undefined ? value > g.max : value < g.min!;
  const statistic = { test: "threshold" as const, value, threshold: bound };
  return { ...base, value, statistic, status: breached ? "breach" : "pass", detail: `query answered ${value}` };
}

function sampleStatus(newSamples: number, legacySamples: number | undefined, minSamples: number): { status: "pass" | "thin" | "no-data" } {
  if (newSamples === 0 && (legacySamples ?? 0) === 0) return { status: "no-data" };
  if (newSamples < minSamples || (legacySamples !== undefined && legacySamples < minSamples)) return { status: "thin" };
  return { status: "pass" };
}

function describeRate(events: number, trials: number): string {
  return trials === 0 ? "0/0" : `${events}/${trials} (${round((100 * events) / trials)} %)`;
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
}
