// `strangler flags status`: what Unleash holds for each plan's flag, next to what the plan says.
import type { FlaggedPlan } from "../flags/types.ts";
import { describeStickiness, findPlanStrategy, isSameRollout, toStrategyParameters } from "./plan-strategy.ts";
import type { UnleashAdminClient } from "./unleash-admin-client.ts";
import { UnleashAdminError } from "./unleash-admin-client.ts";

export interface EnvironmentStatus {
  environment: string;
  enabled: boolean;
  /** Undefined when the toggle has no strangler strategy there. */
  rollout?: number;
  stickiness?: string;
  otherStrategies: number;
  matchesPlan: boolean;
}

export interface FlagStatus {
  flag: string;
  planId: string;
  planRollout: FlaggedPlan["rollout"];
  exists: boolean;
  environments: EnvironmentStatus[];
  error?: UnleashAdminError;
}

export async function readFlagStatus(client: UnleashAdminClient, project: string, environments: readonly string[], plan: FlaggedPlan): Promise<FlagStatus> {
  const status: FlagStatus = { flag: plan.flag, planId: plan.id, planRollout: plan.rollout, exists: false, environments: [] };
  try {
    const feature = await client.getFeature(project, plan.flag);
    if (!feature) return status;
    status.exists = true;
    const wanted = toStrategyParameters(plan);
    for (const entry of feature.environments.filter((candidate) => environments.includes(candidate.name))) {
      const ours = findPlanStrategy(entry.strategies);
      const row: EnvironmentStatus = {
        environment: entry.name,
        enabled: entry.enabled,
        otherStrategies: entry.strategies.length - (ours ? 1 : 0),
        matchesPlan: ours !== undefined && isSameRollout(ours, wanted),
      };
      if (ours) {
        row.rollout = Number(ours.parameters?.rollout);
        row.stickiness = describeStickiness(ours.parameters?.stickiness);
      }
      status.environments.push(row);
    }
  } catch (error) {
    if (!(error instanceof UnleashAdminError)) throw error;
    status.error = error;
  }
  return status;
}
