import { describe, expect, it } from "vitest";
import { defaultStrategies } from "unleash-client/lib/strategy/index.js";
import { getBucket, isInRollout } from "../../src/flags/hashing.ts";
import { evaluatePlanRollout } from "../../src/flags/plan-rollout.ts";
import type { Rollout } from "../../src/flags/types.ts";

const FLAG = "strangler.product-pages";
const sessions = Array.from({ length: 1000 }, (_, i) => `sid-${i.toString(36)}-${(i * 7919).toString(16)}`);
const noRandom = () => 0.5;

function sharesOn(percentage: number): Set<string> {
  const rollout: Rollout = { percentage, stickiness: "sessionId" };
  return new Set(sessions.filter((sessionId) => isInRollout(FLAG, { sessionId }, rollout, noRandom)));
}

describe("hashing", () => {
  it("puts every shopper in the same bucket as unleash-client's flexibleRollout", () => {
    const strategy = defaultStrategies.find((candidate) => candidate.name === "flexibleRollout")!;
    for (const percentage of [1, 10, 30, 50, 99]) {
      for (const sessionId of sessions.slice(0, 200)) {
        const unleash = strategy.isEnabled({ rollout: String(percentage), stickiness: "sessionId", groupId: FLAG }, { sessionId });
        expect(isInRollout(FLAG, { sessionId }, { percentage, stickiness: "sessionId" }, noRandom)).toBe(unleash);
      }
    }
  });

  it("keeps the buckets pinned (a change of hashing would silently move shoppers between sides)", () => {
    expect([getBucket(FLAG, "a"), getBucket(FLAG, "b"), getBucket(FLAG, "shopper-42"), getBucket("g", "abc")]).toEqual([88, 98, 87, 85]);
  });

  it("moves only legacy shoppers to new when the percentage rises, and only new ones back when it falls (1,000 sessions)", () => {
    const steps = [0, 5, 30, 31, 50, 30, 10, 100, 0];
    for (let i = 1; i < steps.length; i++) {
      const before = sharesOn(steps[i - 1]!);
      const after = sharesOn(steps[i]!);
      const [smaller, larger] = after.size >= before.size ? [before, after] : [after, before];
      // Rising: nobody leaves the new side. Falling: nobody joins it.
      for (const sessionId of smaller) expect(larger.has(sessionId)).toBe(true);
    }
  });

  it("sends roughly the percentage of 1,000 sessions to the new side", () => {
    expect(sharesOn(0).size).toBe(0);
    expect(sharesOn(30).size).toBeGreaterThan(250);
    expect(sharesOn(30).size).toBeLessThan(350);
    expect(sharesOn(100).size).toBe(1000);
  });

  it.each([
    ["sessionId buckets by the strangler_sid, which signing in does not change", "sessionId", { sessionId: "s1" }, "s1"],
    ["sessionId buckets another session apart", "sessionId", { sessionId: "s2" }, "s2"],
  ] as const)("accepts stickiness: %s", (_title, stickiness, context, expectedValue) => {
    for (const percentage of [10, 40, 70]) {
      const expected = getBucket(FLAG, expectedValue) <= percentage;
      expect(evaluatePlanRollout(FLAG, context, { percentage, stickiness }, noRandom)).toEqual({ enabled: expected, source: "plan-rollout", split: true });
    }
  });

  it("draws random stickiness from the injected randomness", () => {
    const rollout: Rollout = { percentage: 50, stickiness: "random" };
    const draws = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((value) =>
      isInRollout(FLAG, { sessionId: "same" }, rollout, () => value),
    );
    expect(new Set(draws).size).toBe(2);
  });
});
