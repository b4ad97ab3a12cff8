// Whether an Unleash toggle answers shoppers differently, read from its definition: then the side depends
// on who asks, so the answer is never shared by a cache (and a sticky split needs the strangler_sid).
// Read once per definition object: unleash-client replaces the objects when the toggle changes.
import type { FeatureInterface } from "unleash-client/lib/feature.js";

const known = new WeakMap<object, boolean>();

export function isSplitToggle(toggle: FeatureInterface): boolean {
  let split = known.get(toggle);
  if (split === undefined) {
    split = readSplit(toggle);
    known.set(toggle, split);
  }
  return split;
}

/** Off, or on for everyone (plain 100 % rollouts or the default strategy, no constraints, one variant at most): not split. */
function readSplit(toggle: FeatureInterface): boolean {
  if (!toggle.enabled) return false;
  const strategies = toggle.strategies ?? [];
  if (strategies.length === 0) return false;
  const variants = toggle.variants ?? [];
  if (variants.length > 1) return true;
  if (strategies.some((strategy) => isForEveryone(strategy))) return false;
  return !strategies.every((strategy) => isForNobody(strategy));
}

function isForNobody(strategy: NonNullable<FeatureInterface["strategies"]>[number]): boolean {
  return strategy.name === "flexibleRollout" && Number(strategy.parameters?.rollout ?? 0) <= 0;
}

function isForEveryone(strategy: NonNullable<FeatureInterface["strategies"]>[number]): boolean {
  if ((strategy.constraints?.length ?? 0) > 0 || (strategy.segments?.length ?? 0) > 0) return false;
  if ((strategy.variants?.length ?? 0) > 1) return false;
  if (strategy.name === "default") return true;
  if (strategy.name !== "flexibleRollout") return false;
  return Number(strategy.parameters?.rollout) >= 100;
}

/**
 * The share (0..100) of shoppers a toggle turns on, as its strategies say: off → 0, no strategy or `default` →
 * 100, otherwise the largest rollout among its strategies (constraints and segments are not counted: they
 * narrow who the share applies to). A strategy of another kind counts as unknown: undefined.
 */
export function shareOfToggle(toggle: FeatureInterface): number | undefined {
  if (!toggle.enabled) return 0;
  const strategies = toggle.strategies ?? [];
  if (strategies.length === 0) return 100;
  let share = 0;
  for (const strategy of strategies) {
    const parameters = strategy.parameters ?? {};
    const value = strategy.name === "default" ? 100
      : strategy.name === "flexibleRollout" ? Number(parameters.rollout ?? 0)
      : strategy.name.startsWith("gradualRollout") ? Number(parameters.percentage ?? 0)
      : undefined;
    if (value === undefined || Number.isNaN(value)) return undefined;
    share = Math.max(share, Math.min(100, value));
  }
  return share;
}
