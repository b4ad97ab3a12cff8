// The parity guardrail's window over the shadow scoreboard's cumulative tallies (pure: a tally object).
import { describe, expect, it } from "vitest";
import { createBoardParitySource } from "../../src/rollout/board-parity-source.ts";

describe("createBoardParitySource", () => {
  it("answers the comparisons since the window began, not since the process started", async () => {
    let clock = 1_000;
    const tally = { plan: "pdp", compared: 0, matched: 0 };
    const source = createBoardParitySource({ scores: () => [tally] }, () => clock);
    expect(await source.score("pdp", 500, clock)).toBeUndefined(); // nothing compared yet
    Object.assign(tally, { compared: 100, matched: 100 });
    clock = 2_000;
    expect(await source.score("pdp", 500, clock)).toEqual({ score: 1, samples: 100 });
    // A new step begins at 2 000: the 100 good comparisons before it no longer count.
    Object.assign(tally, { compared: 150, matched: 110 });
    clock = 3_000;
    expect(await source.score("pdp", 2_000, clock)).toEqual({ score: 0.2, samples: 50 });
  });

  it("answers nothing for a plan the board has never compared", async () => {
    const source = createBoardParitySource({ scores: () => [] });
    expect(await source.score("other", 0, Date.now())).toBeUndefined();
  });
});
