// The exact bucketing unleash-client's flexibleRollout uses (murmurhash3 x86 32-bit, seed 0, of
// `${groupId}:${value}`, % 100 + 1), imported from the client itself so the plan rollout, the local store
// and Unleash put every shopper in the same bucket.
import { normalizedStrategyValue } from "unleash-client/lib/strategy/util.js";
import type { FlagContext, Rollout, Stickiness } from "./types.ts";

export type RandomSource = () => number;

/** 1..100: the shopper's bucket for a flag; the flag is on for them when bucket <= percentage. */
export function getBucket(flagName: string, stickinessValue: string): number {
  return normalizedStrategyValue(stickinessValue, flagName);
}

/** `random` draws like unleash-client does (1..10000 as a string). */
export function resolveStickinessValue(context: FlagContext, stickiness: Stickiness, random: RandomSource): string {
  switch (stickiness) {
    case "sessionId":
      return context.sessionId;
    case "random":
      return String(Math.round(random() * 10_000) + 1);
  }
}

export function isInRollout(flagName: string, context: FlagContext, rollout: Rollout, random: RandomSource): boolean {
  if (!(rollout.percentage > 0)) return false;
  const value = resolveStickinessValue(context, rollout.stickiness, random);
  if (!value) return false;
  return getBucket(flagName, value) <= rollout.percentage;
}
