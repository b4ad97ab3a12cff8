// `strangler flags sync`: one toggle per plan, with a flexibleRollout strategy at the plan's percentage and
// stickiness in every configured environment. Idempotent. A toggle it creates is switched on; an existing
// one keeps its on/off state (turning a flag off in Unleash is the kill switch; a sync must not undo it).
import type { FlaggedPlan } from "../flags/types.ts";
import { findPlanStrategy, isSameRollout, STRATEGY_TITLE, toStrategyParameters } from "./plan-strategy.ts";
import type { AdminFeature, UnleashAdminClient } from "./unleash-admin-client.ts";
import { UnleashAdminError } from "./unleash-admin-client.ts";

export interface SyncTarget {
  project: string;
  environments: readonly string[];
}

export type SyncAction = "created" | "updated" | "unchanged";

export interface SyncOutcome {
  flag: string;
  planId: string;
  action?: SyncAction;
  changes: string[];
  error?: UnleashAdminError;
}

async function syncEnvironment(client: UnleashAdminClient, target: SyncTarget, plan: FlaggedPlan, feature: AdminFeature | undefined, environment: string): Promise<string | undefined> {
  const wanted = toStrategyParameters(plan);
  const current = feature?.environments.find((entry) => entry.name === environment);
  const existing = current ? findPlanStrategy(current.strategies) : undefined;
  if (feature && !current) {
    const detail = `project ${target.project} has no environment "${environment}" (check UNLEASH_ENVIRONMENT)`;
    throw new UnleashAdminError(`environment ${environment}`, undefined, detail, { code: "UNLEASH_ENVIRONMENT_MISSING" });
  }
  if (feature && !current) throw new UnleashAdminError(`environment ${environment}`, undefined, `project ${target.project} has no environment "${environment}" (check UNLEASH_ENVIRONMENT)`);
  if (!existing) {
    await client.addStrategy(target.project, plan.flag, environment, { name: "flexibleRollout", title: STRATEGY_TITLE, constraints: [], parameters: wanted });
    return `${environment}: rollout ${wanted.rollout}% by ${plan.rollout.stickiness}`;
  }
  if (isSameRollout(existing, wanted)) return undefined;
  // Keep what engineers added in the UI (constraints, variants, segments); only the rollout follows the plan.
  await client.updateStrategy(target.project, plan.flag, environment, { ...existing, parameters: { ...existing.parameters, ...wanted } });
  return `${environment}: rollout ${existing.parameters?.rollout ?? "?"}% → ${wanted.rollout}% by ${plan.rollout.stickiness}`;
}

export async function syncPlanFlag(client: UnleashAdminClient, target: SyncTarget, plan: FlaggedPlan, description: string): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { flag: plan.flag, planId: plan.id, changes: [] };
  try {
    const feature = await client.getFeature(target.project, plan.flag);
    if (!feature) await client.createFeature(target.project, { name: plan.flag, description });
    for (const environment of target.environments) {
      const change = await syncEnvironment(client, target, plan, feature, environment);
      if (change) outcome.changes.push(change);
      if (!feature) await client.enable(target.project, plan.flag, environment);
    }
    outcome.action = !feature ? "created" : outcome.changes.length > 0 ? "updated" : "unchanged";
  } catch (error) {
    if (!(error instanceof UnleashAdminError)) throw error;
    outcome.error = error;
  }
  return outcome;
}

/** Syncs every plan; stops early when Unleash refuses the token or cannot be reached (every other call would fail alike). */
export async function syncFlags(client: UnleashAdminClient, target: SyncTarget, plans: ReadonlyArray<FlaggedPlan & { description?: string }>): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  for (const plan of plans) {
    const outcome = await syncPlanFlag(client, target, plan, `Strangler plan ${plan.id}${plan.description ? `: ${plan.description}` : ""}`);
    outcomes.push(outcome);
    if (outcome.error?.isFatal) break;
  }
  return outcomes;
}
