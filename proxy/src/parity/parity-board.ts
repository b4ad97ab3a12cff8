// The parity scoreboard, Diffy-style: every comparison of legacy's and the new side's facts lands here.
// Differences between two legacy answers to the same request are learned as noise per plan and page type
// (form keys, timestamps, random ids), and later differences on those paths do not count, unless they touch a
// commerce fact (price, SKU, stock), which always counts. A plan's score per page type is the share of
// compared requests left with no difference; the last mismatches are kept per plan, bounded. In memory, per
// proxy: the dashboard, the admin API and `strangler plans parity` read it through scores() and samples().
import type { Facts } from "./commerce-facts.ts";
import { diffFacts, isCommerceFact, toNoiseKey } from "./facts-diff.ts";
import type { FactDifference } from "./facts-diff.ts";

export interface Comparison {
  plan: string;
  /** PRODUCT, CATEGORY, CMS_PAGE, SEARCH, GRAPHQL or OTHER. */
  pageType: string;
  /** The request's path and query. */
  url: string;
  legacy: Facts;
  candidate: Facts;
  /** A second legacy answer to the same request, for learning noise. */
  legacyAgain?: Facts | undefined;
}

export interface PageTypeScore {
  pageType: string;
  compared: number;
  matched: number;
  /** matched / compared, 0..1; 1 when nothing was compared yet. */
  score: number;
  /** Field → comparisons where it differed (noise left out). */
  mismatchesByField: Record<string, number>;
  /** Paths learned as noise for this page type. */
  noise: string[];
}

export interface PlanScore {
  plan: string;
  compared: number;
  matched: number;
  score: number;
  pageTypes: PageTypeScore[];
}

export interface MismatchSample {
  at: string;
  plan: string;
  pageType: string;
  url: string;
  fields: string[];
  differences: FactDifference[];
  legacy: Facts;
  candidate: Facts;
}

/** What the dashboard's parity panel and the admin API read. */
export interface ParityScores {
  scores(): PlanScore[];
  samples(plan: string): MismatchSample[];
}

export interface ParityBoard extends ParityScores {
  record(comparison: Comparison): FactDifference[];
}

export interface ParityBoardOptions {
  /** Mismatches kept per plan (newest first); default 50. */
  samplesPerPlan?: number;
  now?: () => number;
  onCompared?(plan: string, pageType: string, fields: readonly string[]): void;
}

interface Tally { compared: number; matched: number; byField: Map<string, number>; noise: Set<string> }

export function createParityBoard(options: ParityBoardOptions = {}): ParityBoard {
  const limit = options.samplesPerPlan ?? 50;
  const now = options.now ?? Date.now;
  const tallies = new Map<string, Map<string, Tally>>();
  const samples = new Map<string, MismatchSample[]>();

  function tallyOf(plan: string, pageType: string): Tally {
    let byType = tallies.get(plan);
    if (byType === undefined) tallies.set(plan, (byType = new Map()));
    let tally = byType.get(pageType);
    if (tally === undefined) byType.set(pageType, (tally = { compared: 0, matched: 0, byField: new Map(), noise: new Set() }));
    return tally;
  }

  function record(comparison: Comparison): FactDifference[] {
    const tally = tallyOf(comparison.plan, comparison.pageType);
    if (comparison.legacyAgain !== undefined) {
      for (const noisy of diffFacts(comparison.legacy, comparison.legacyAgain)) {
        if (!isCommerceFact(noisy.path)) tally.noise.add(toNoiseKey(noisy.path));
      }
    }
    const differences = diffFacts(comparison.legacy, comparison.candidate)
      .filter((difference) => isCommerceFact(difference.path) || !tally.noise.has(toNoiseKey(difference.path)));
    const fields = [...new Set(differences.map((difference) => difference.field))];
    tally.compared++;
    if (fields.length === 0) tally.matched++;
    for (const field of fields) tally.byField.set(field, (tally.byField.get(field) ?? 0) + 1);
    if (fields.length > 0) keepSample(comparison, fields, differences);
    options.onCompared?.(comparison.plan, comparison.pageType, fields);
    return differences;
  }

  function keepSample(comparison: Comparison, fields: string[], differences: FactDifference[]): void {
    let kept = samples.get(comparison.plan);
    if (kept === undefined) samples.set(comparison.plan, (kept = []));
    kept.unshift({
      at: new Date(now()).toISOString(), plan: comparison.plan, pageType: comparison.pageType, url: comparison.url,
      fields, differences, legacy: comparison.legacy, candidate: comparison.candidate,
    });
    if (kept.length > limit) kept.length = limit;
  }

  function scores(): PlanScore[] {
    return [...tallies].sort(([a], [b]) => a.localeCompare(b)).map(([plan, byType]) => {
      const pageTypes = [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([pageType, tally]) => ({
        pageType, compared: tally.compared, matched: tally.matched, score: ratio(tally.matched, tally.compared),
        mismatchesByField: Object.fromEntries([...tally.byField].sort(([, a], [, b]) => b - a)), noise: [...tally.noise].sort(),
      }));
      const compared = pageTypes.reduce((sum, type) => sum + type.compared, 0);
      const matched = pageTypes.reduce((sum, type) => sum + type.matched, 0);
      return { plan, compared, matched, score: ratio(matched, compared), pageTypes };
    });
  }

  return { record, scores, samples: (plan) => [...(samples.get(plan) ?? [])] };
}

function ratio(matched: number, compared: number): number {
  return compared === 0 ? 1 : matched / compared;
}
