// Sequential probability ratio tests (Wald) for the rate guardrails, run open-ended: the log likelihood
// ratio of "regressed" (H1) against "as good" (H0) is summed over everything seen since the step began,
// and a breach is declared once it reaches ln(1/α). Under H0 the likelihood ratio is a non-negative
// martingale with mean 1, so by Ville's inequality the chance it EVER reaches 1/α is at most α, however
// often the controller looks: the false-alarm rate per step is ≤ α without any correction for peeking.

/** Per step false-alarm bound of every SPRT guardrail. */
export const SPRT_ALPHA = 0.05;
export const SPRT_THRESHOLD = Math.log(1 / SPRT_ALPHA);

export interface SprtResult {
  /** Log likelihood ratio of H1 (regressed) against H0 (no worse). */
  llr: number;
  threshold: number;
  breached: boolean;
}

/** Events (errors, failed add-to-carts) among trials (requests, attempts) on each side, in one window. */
export interface TwoSampleWindow {
  newEvents: number;
  newTrials: number;
  legacyEvents: number;
  legacyTrials: number;
}

/**
 * New vs legacy, as a ratio of rates. Conditioned on the events seen in a window, the share that fell on
 * the new side is binomial with p = R·n/(R·n + m) (n, m the sides' trials, R the true rate ratio), so the
 * unknown legacy rate drops out. H0: R = 1, H1: R = maxRatio. Windows keep the split exact as it moves.
 */
export function testRateRatio(windows: readonly TwoSampleWindow[], maxRatio: number): SprtResult {
  let llr = 0;
  for (const w of windows) {
    if (w.newTrials <= 0 || w.legacyTrials <= 0) continue; // one side alone says nothing about the ratio
    const p0 = w.newTrials / (w.newTrials + w.legacyTrials);
    const p1 = (maxRatio * w.newTrials) / (maxRatio * w.newTrials + w.legacyTrials);
    llr += w.newEvents * Math.log(p1 / p0) + w.legacyEvents * Math.log((1 - p1) / (1 - p0));
  }
  return { llr, threshold: SPRT_THRESHOLD, breached: llr >= SPRT_THRESHOLD };
}

/**
 * One side against an absolute bound: H1 the event rate is `bound`, H0 it is half of it. A rate at or
 * above the bound breaches quickly; one comfortably below drifts the ratio down and never does.
 */
export function testRateBound(events: number, trials: number, bound: number): SprtResult {
  if (bound <= 0) return { llr: events > 0 ? Infinity : 0, threshold: SPRT_THRESHOLD, breached: events > 0 };
  if (bound >= 1) return { llr: 0, threshold: SPRT_THRESHOLD, breached: false };
  const p1 = bound;
  const p0 = bound / 2;
  const llr = events * Math.log(p1 / p0) + (trials - events) * Math.log((1 - p1) / (1 - p0));
  return { llr, threshold: SPRT_THRESHOLD, breached: llr >= SPRT_THRESHOLD };
}

/** Expected events needed on the new side to breach when it truly fails at maxRatio × legacy, legacy clean: the README's sample figure. */
export function eventsToBreachAgainstCleanLegacy(newShare: number, maxRatio: number): number {
  const p0 = newShare;
  const p1 = (maxRatio * newShare) / (maxRatio * newShare + (1 - newShare));
  return Math.ceil(SPRT_THRESHOLD / Math.log(p1 / p0));
}
