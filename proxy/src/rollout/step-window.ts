// The traffic a step has seen: the per-minute counts since the step began, minus what the step's first
// minute already held when it began (its baseline), so a step that starts mid-minute is judged on its
// own requests only. Counts only grow, which is what makes the subtraction exact.
import { LATENCY_BOUNDS_MS, type PlanMinute, type SideCounts } from "../stats/traffic-stats.ts";

export interface StepWindow {
  /** Each minute of the step, baseline removed, oldest first (the SPRT keeps the split per minute). */
  minutes: PlanMinute[];
  legacy: SideCounts;
  new: SideCounts;
}

export function emptySide(): SideCounts {
  return { requests: 0, errors: 0, fallbacks: 0, latency: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0), addToCartAttempts: 0, addToCartSuccesses: 0 };
}

function combine(a: SideCounts, b: SideCounts, sign: 1 | -1): SideCounts {
  const clamp = (value: number) => Math.max(0, value);
  return {
    requests: clamp(a.requests + sign * b.requests),
    errors: clamp(a.errors + sign * b.errors),
    fallbacks: clamp(a.fallbacks + sign * b.fallbacks),
    latency: a.latency.map((count, i) => clamp(count + sign * (b.latency[i] ?? 0))),
    addToCartAttempts: clamp(a.addToCartAttempts + sign * b.addToCartAttempts),
    addToCartSuccesses: clamp(a.addToCartSuccesses + sign * b.addToCartSuccesses),
  };
}

export function buildStepWindow(minutes: readonly PlanMinute[], baseline: PlanMinute | undefined): StepWindow {
  const own = minutes.map((minute) => baseline && minute.minute === baseline.minute
    ? { ...minute, legacy: combine(minute.legacy, baseline.legacy, -1), new: combine(minute.new, baseline.new, -1) }
    : minute);
  return {
    minutes: own,
    legacy: own.reduce((total, minute) => combine(total, minute.legacy, 1), emptySide()),
    new: own.reduce((total, minute) => combine(total, minute.new, 1), emptySide()),
  };
}

/** The upper bound of the bucket holding the q-quantile, in ms; undefined without requests. Past the last bound: Infinity. */
export function quantileMs(latency: readonly number[], q: number): number | undefined {
  const total = latency.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const [i, count] of latency.entries()) {
    seen += count;
    if (seen >= q * total) return LATENCY_BOUNDS_MS[i] ?? Infinity;
  }
  return Infinity;
}
