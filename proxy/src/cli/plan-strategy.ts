// How a plan's rollout looks as an Unleash strategy, and how to find the one strangler owns on a toggle.
// The strategy is recognised by its title, so strategies engineers add by hand are left alone.
import type { FlaggedPlan, Stickiness } from "../flags/types.ts";
import type { AdminStrategy } from "./unleash-admin-client.ts";

export const STRATEGY_TITLE = "strangler rollout";

const TO_UNLEASH: Record<Stickiness, string> = { sessionId: "sessionId", random: "random" };

export function toStrategyParameters(plan: FlaggedPlan): Record<string, string> {
  return { rollout: String(plan.rollout.percentage), stickiness: TO_UNLEASH[plan.rollout.stickiness], groupId: plan.flag };
}

export function describeStickiness(unleashStickiness: string | undefined): string {
  if (!unleashStickiness) return "?";
  return unleashStickiness;
}

export function findPlanStrategy(strategies: readonly AdminStrategy[]): AdminStrategy | undefined {
  return strategies.find((strategy) => strategy.name === "flexibleRollout" && strategy.title === STRATEGY_TITLE);
}

export function isSameRollout(strategy: AdminStrategy, wanted: Record<string, string>): boolean {
  const current = strategy.parameters ?? {};
  return current.rollout === wanted.rollout && current.stickiness === wanted.stickiness && current.groupId === wanted.groupId;
}
