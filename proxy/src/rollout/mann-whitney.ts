// Mann–Whitney U on two latency histograms (the TrafficStats buckets), as Kayenta judges a canary: is the
// new side's latency stochastically larger than legacy's? Observations in one bucket are ties; the normal
// approximation carries the tie correction. One-sided, per look.

export interface MannWhitneyResult {
  /** U of the new side: how often a new request was slower than a legacy one (ties count half). */
  u: number;
  /** Standardized U; positive when new is slower. 0 when either side is empty or everything ties. */
  z: number;
}

export function compareHistograms(newCounts: readonly number[], legacyCounts: readonly number[]): MannWhitneyResult {
  const n1 = sum(newCounts);
  const n2 = sum(legacyCounts);
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0 };
  let u = 0;
  let legacyBelow = 0;
  let tieTerm = 0;
  for (let i = 0; i < Math.max(newCounts.length, legacyCounts.length); i++) {
    const a = newCounts[i] ?? 0;
    const b = legacyCounts[i] ?? 0;
    u += a * (legacyBelow + b / 2);
    legacyBelow += b;
    const t = a + b;
    tieTerm += t * t * t - t;
  }
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  return { u, z: variance > 0 ? (u - mean) / Math.sqrt(variance) : 0 };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
