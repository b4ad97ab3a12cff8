// The share GET /flags reports per plan: what the providers' evaluate() would send to the target now.
import { describe, expect, it } from "vitest";
import { describeShare } from "../../src/flags/admin-router.ts";
import type { FlagState, Rollout } from "../../src/flags/types.ts";

const ROLLOUT: Rollout = { percentage: 15, stickiness: "sessionId" };
const local = (enabled: boolean, percentage: number) => ({ enabled, percentage, updatedAt: "2026-01-01T00:00:00.000Z" });
const unleash = (enabled: boolean, ...strategies: Array<{ name: string; parameters?: Record<string, unknown> }>) => ({ enabled, strategies });
const state = (extra: Partial<FlagState>): FlagState => ({ name: "strangler.p", mode: "local", killed: false, ...extra });

describe("describeShare", () => {
  it.each<[string, FlagState, boolean, ReturnType<typeof describeShare>]>([
    ["the plan's rollout while the local store has no record", state({}), true, { percentage: 15, decidedBy: "plan-rollout" }],
    ["the local record's percentage", state({ local: local(true, 40) }), true, { percentage: 40, decidedBy: "local" }],
    ["0 for a killed local flag, whatever its percentage", state({ local: local(false, 40), killed: true }), true, { percentage: 0, decidedBy: "kill-switch" }],
    ["the plan's rollout before Unleash first answers", state({ mode: "unleash" }), false, { percentage: 15, decidedBy: "plan-rollout" }],
    ["0 for a flag Unleash does not know", state({ mode: "unleash" }), true, { percentage: 0, decidedBy: "unknown-to-unleash" }],
    ["0 for a toggle switched off in Unleash", state({ mode: "unleash", unleash: unleash(false, { name: "flexibleRollout", parameters: { rollout: "60" } }) }), true, { percentage: 0, decidedBy: "unleash" }],
    ["the one flexibleRollout's rollout", state({ mode: "unleash", unleash: unleash(true, { name: "flexibleRollout", parameters: { rollout: "60" } }) }), true, { percentage: 60, decidedBy: "unleash" }],
    ["100 for the default strategy", state({ mode: "unleash", unleash: unleash(true, { name: "default" }) }), true, { percentage: 100, decidedBy: "unleash" }],
    ["100 for a toggle on without strategies", state({ mode: "unleash", unleash: unleash(true) }), true, { percentage: 100, decidedBy: "unleash" }],
    ["no number for several strategies", state({ mode: "unleash", unleash: unleash(true, { name: "flexibleRollout", parameters: { rollout: "10" } }, { name: "userWithId" }) }), true, { percentage: null, decidedBy: "unleash" }],
    ["no number for another kind of strategy", state({ mode: "unleash", unleash: unleash(true, { name: "remoteAddress" }) }), true, { percentage: null, decidedBy: "unleash" }],
    ["0 for an Unleash toggle under the kill switch", state({ mode: "unleash", killed: true, unleash: unleash(true, { name: "default" }) }), true, { percentage: 0, decidedBy: "kill-switch" }],
  ])("gives %s", (_title, flag, ready, expected) => {
    expect(describeShare(flag, ROLLOUT, ready)).toEqual(expected);
  });
});
