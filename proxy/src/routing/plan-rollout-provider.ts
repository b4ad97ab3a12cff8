// The rollout-only flag provider: a plan's own percentage and stickiness decide, with the same bucketing
// as Unleash's gradual rollout (shared with the flags member through ../flags/hashing.ts), so moving a plan
// from "rollout in the YAML" to "flag in Unleash" keeps every shopper on their side.
import { isInRollout } from "../flags/hashing.ts";
import { isSplitRollout } from "../flags/types.ts";
import type { FlagContext, FlagEvaluation, FlagProvider, Rollout } from "../flags/types.ts";

const ON: FlagEvaluation = Object.freeze({ enabled: true, source: "plan-rollout" });
const OFF: FlagEvaluation = Object.freeze({ enabled: false, source: "plan-rollout" });
const ON_SPLIT: FlagEvaluation = Object.freeze({ enabled: true, source: "plan-rollout", split: true });
const OFF_SPLIT: FlagEvaluation = Object.freeze({ enabled: false, source: "plan-rollout", split: true });

export interface PlanRolloutOptions {
  /** Optional. Source of randomness for `random` stickiness; default Math.random. */
  random?: () => number;
}

export function createPlanRolloutProvider(options: PlanRolloutOptions = {}): FlagProvider {
  const random = options.random ?? Math.random;
  return {
    evaluate(flagName: string, context: FlagContext, rollout: Rollout): FlagEvaluation {
      try {
        const on = isInRollout(flagName, context, rollout, random);
        if (isSplitRollout(rollout)) return on ? ON_SPLIT : OFF_SPLIT;
        return on ? ON : OFF;
      } catch {
        return OFF; // a flag check never fails a request
      }
    },
    ready: () => true,
    close: async () => {},
    share: (_flagName, rollout) => rollout.percentage,
  };
}
