// A ParitySource over the shadow member's parity scoreboard (ParityScores on branch `shadow`,
// proxy/src/parity/parity-board.ts): its tallies are cumulative per process, so a window is the tally now
// minus the tally as it stood when the window began. Snapshots are taken on every read; a window that
// began before the first snapshot starts from zero when this process started after it, else from the
// first snapshot (the comparisons in between are not counted: at most one evaluateSeconds' worth).
// The board is per proxy process: the leader judges its own process's comparisons.
import type { ParityReading } from "./judge-guardrails.ts";
import type { ParitySource } from "./parity-source.ts";

/** The part of the shadow member's ParityScores this reads. */
export interface ParityTallies {
  scores(): ReadonlyArray<{ plan: string; compared: number; matched: number }>;
}

interface Snapshot { at: number; compared: number; matched: number }

const KEPT = 1_000;

export function createBoardParitySource(board: ParityTallies, now: () => number = Date.now): ParitySource {
  const startedAt = now();
  const history = new Map<string, Snapshot[]>();
  return {
    async score(plan, fromMs): Promise<ParityReading | undefined> {
      const tally = board.scores().find((score) => score.plan === plan) ?? { compared: 0, matched: 0 };
      const snapshots = history.get(plan) ?? [];
      const before = snapshots.filter((snapshot) => snapshot.at <= fromMs).at(-1);
      const base = before ?? (startedAt >= fromMs ? { at: startedAt, compared: 0, matched: 0 } : snapshots[0] ?? { at: now(), ...tally });
      snapshots.push({ at: now(), compared: tally.compared, matched: tally.matched });
      if (snapshots.length > KEPT) snapshots.splice(0, snapshots.length - KEPT);
      history.set(plan, snapshots);
      const compared = tally.compared - base.compared;
      if (compared <= 0) return undefined;
      return { score: (tally.matched - base.matched) / compared, samples: compared };
    },
  };
}
