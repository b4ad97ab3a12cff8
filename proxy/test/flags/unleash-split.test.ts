import { describe, expect, it } from "vitest";
import type { FeatureInterface } from "unleash-client/lib/feature.js";
import { isSplitToggle, shareOfToggle } from "../../src/flags/unleash-split.ts";

const rollout = (percent: number, extra: object = {}) => ({ name: "flexibleRollout", parameters: { rollout: String(percent), stickiness: "sessionId", groupId: "g" }, constraints: [], ...extra });
const toggle = (strategies: object[], extra: object = {}): FeatureInterface =>
  ({ name: "strangler.x", enabled: true, project: "default", type: "release", stale: false, impressionData: false, strategies, ...extra }) as unknown as FeatureInterface;

describe("isSplitToggle", () => {
  it.each([
    ["a 30 % rollout", toggle([rollout(30)])],
    ["a 99 % rollout", toggle([rollout(99)])],
    ["a 100 % rollout behind a constraint", toggle([rollout(100, { constraints: [{ contextName: "storeCode", operator: "IN", values: ["fr"] }] })])],
    ["a rollout for a segment", toggle([rollout(100, { segments: [1] })])],
    ["two variants splitting the target", toggle([rollout(100)], { variants: [{ name: "a", weight: 500 }, { name: "b", weight: 500 }] })],
    ["a strategy of another kind (userWithId)", toggle([{ name: "userWithId", parameters: { userIds: "x" }, constraints: [] }])],
  ])("accepts %s as split between shoppers", (_name, definition) => {
    expect(isSplitToggle(definition)).toBe(true);
  });

  it.each([
    ["a 100 % rollout", toggle([rollout(100)])],
    ["the default strategy", toggle([{ name: "default", parameters: {}, constraints: [] }])],
    ["a 0 % rollout", toggle([rollout(0)])],
    ["a disabled toggle", toggle([rollout(30)], { enabled: false })],
    ["a toggle without strategies", toggle([])],
    ["a 30 % rollout next to a 100 % one (strategies are or-ed)", toggle([rollout(30), rollout(100)])],
  ])("rejects %s as the same for everyone", (_name, definition) => {
    expect(isSplitToggle(definition)).toBe(false);
  });
});

describe("shareOfToggle (strangler_plan_share_percent)", () => {
  it.each([
    ["a 30 % rollout", toggle([rollout(30)]), 30],
    ["a 30 % rollout next to a 70 % one", toggle([rollout(30), rollout(70)]), 70],
    ["the default strategy", toggle([{ name: "default", parameters: {}, constraints: [] }]), 100],
    ["a toggle without strategies", toggle([]), 100],
    ["a disabled toggle", toggle([rollout(30)], { enabled: false }), 0],
    ["a legacy gradual rollout", toggle([{ name: "gradualRolloutSessionId", parameters: { percentage: "45" }, constraints: [] }]), 45],
    ["a strategy of another kind (userWithId)", toggle([{ name: "userWithId", parameters: { userIds: "x" }, constraints: [] }]), undefined],
  ])("reads %s as %s", (_name, definition, share) => {
    expect(shareOfToggle(definition)).toBe(share);
  });
});
