// Where a ramp's percentage lands: the plan's Unleash toggle (its "strangler rollout" strategy, through
// the Admin API, as `strangler flags sync` writes it) when Unleash is configured, else the local flag
// store. Only the percentage moves: a flag switched off (the kill switch) stays off.
import type { ManagedFlagProvider, FlaggedPlan } from "../flags/types.ts";
import { syncPlanFlag, type SyncTarget } from "../cli/sync-flags.ts";
import type { UnleashAdminClient } from "../cli/unleash-admin-client.ts";

export interface FlagWriter {
  /** "unleash" or "local", for the audit log. */
  readonly kind: string;
  write(plan: FlaggedPlan, percent: number): Promise<void>;
}

export function createLocalFlagWriter(provider: ManagedFlagProvider): FlagWriter {
  return {
    kind: "local",
    async write(plan, percent) {
      await provider.setFlag(plan.flag, { percentage: percent }, plan.rollout);
    },
  };
}

export function createUnleashFlagWriter(client: UnleashAdminClient, target: SyncTarget): FlagWriter {
  return {
    kind: "unleash",
    async write(plan, percent) {
      const outcome = await syncPlanFlag(client, target, { ...plan, rollout: { ...plan.rollout, percentage: percent } }, `Strangler plan ${plan.id} (ramped by the rollout controller)`);
      if (outcome.error) throw outcome.error;
    },
  };
}
