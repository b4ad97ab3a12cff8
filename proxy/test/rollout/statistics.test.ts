import { describe, expect, it } from "vitest";
import { compareHistograms } from "../../src/rollout/mann-whitney.ts";
import { eventsToBreachAgainstCleanLegacy, SPRT_ALPHA, testRateBound, testRateRatio } from "../../src/rollout/sprt.ts";

describe("SPRT, new vs legacy rate ratio (conditional on the events seen)", () => {
  it.each([
    ["a clean new side beside a clean legacy", { newEvents: 0, newTrials: 500, legacyEvents: 0, legacyTrials: 9500 }, 0, false],
    ["equal rates", { newEvents: 5, newTrials: 500, legacyEvents: 95, legacyTrials: 9500 }, -1.413, false],
    ["new failing 3 % beside a clean legacy", { newEvents: 15, newTrials: 500, legacyEvents: 0, legacyTrials: 9500 }, 9.665, true],
    ["legacy alone (no ratio to judge)", { newEvents: 0, newTrials: 0, legacyEvents: 40, legacyTrials: 9500 }, 0, false],
  ])("judges %s", (_name, window, llr, breached) => {
    const result = testRateRatio([window], 2);
    expect(Math.round(result.llr * 1000) / 1000).toBe(llr);
    expect(result.breached).toBe(breached);
    expect(result.threshold).toBeCloseTo(Math.log(1 / SPRT_ALPHA), 10);
  });

  it("keeps the split per window: the same errors weigh more when the new side had less traffic", () => {
    const small = testRateRatio([{ newEvents: 3, newTrials: 100, legacyEvents: 0, legacyTrials: 9900 }], 2);
    const large = testRateRatio([{ newEvents: 3, newTrials: 5000, legacyEvents: 0, legacyTrials: 5000 }], 2);
    expect(small.llr).toBeGreaterThan(large.llr);
  });

  it("needs 5 new-side errors to breach at 1 % and 5 %, 7 at 25 %, 11 at 50 %, against a clean legacy (README figures)", () => {
    expect([0.01, 0.05, 0.25, 0.5].map((share) => eventsToBreachAgainstCleanLegacy(share, 2))).toEqual([5, 5, 7, 11]);
  });

  it("keeps false alarms under α however often it looks (Ville): 500 simulated equal-rate steps, 60 looks each", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let alarms = 0;
    for (let run = 0; run < 500; run++) {
      const windows = [];
      for (let look = 0; look < 60; look++) {
        let newEvents = 0;
        let legacyEvents = 0;
        for (let i = 0; i < 20; i++) if (random() < 0.02) newEvents++;
        for (let i = 0; i < 80; i++) if (random() < 0.02) legacyEvents++;
        windows.push({ newEvents, newTrials: 20, legacyEvents, legacyTrials: 80 });
        if (testRateRatio(windows, 2).breached) { alarms++; break; }
      }
    }
    expect(alarms / 500).toBeLessThanOrEqual(SPRT_ALPHA);
  });
});

describe("SPRT against an absolute bound", () => {
  it.each([
    ["a rate at the bound", 20, 1000, 0.02, true],
    ["a rate well under the bound", 2, 1000, 0.02, false],
    ["too few trials to tell", 1, 30, 0.02, false],
    ["a bound of 0 and one event", 1, 10, 0, true],
  ])("judges %s", (_name, events, trials, bound, breached) => {
    expect(testRateBound(events, trials, bound).breached).toBe(breached);
  });
});

describe("Mann–Whitney on latency histograms", () => {
  it.each([
    ["identical histograms", [0, 10, 80, 10], [0, 10, 80, 10], 0],
    ["new one bucket slower", [0, 0, 10, 80, 10], [0, 10, 80, 10, 0], 11.08],
    ["new faster", [10, 80, 10, 0], [0, 10, 80, 10], -11.08],
    ["an empty side", [], [1, 2, 3], 0],
  ])("%s", (_name, fresh, legacy, z) => {
    expect(Math.round(compareHistograms(fresh, legacy).z * 1000) / 1000).toBe(z);
  });

  it("counts ties as halves in U", () => {
    expect(compareHistograms([2], [3]).u).toBe(3);
  });
});
