import { isInRollout, type RandomSource } from "./hashing.ts";
import { isSplitRollout } from "./types.ts";
import type { FlagContext, FlagEvaluation, Rollout } from "./types.ts";

/** The plan's own percentage, bucketed exactly like Unleash: the answer before or without a flag service. */
export function evaluatePlanRollout(flagName: string, context: FlagContext, rollout: Rollout, random: RandomSource): FlagEvaluation {
  return { enabled: isInRollout(flagName, context, rollout, random), source: "plan-rollout", split: isSplitRollout(rollout) };
}
