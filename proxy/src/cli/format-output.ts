import type { FlagStatus } from "./flag-status.ts";
import type { SyncOutcome } from "./sync-flags.ts";
import { formatTable } from "./table.ts";
import type { UnleashAdminError } from "./unleash-admin-client.ts";

export function formatFailure(error: UnleashAdminError): string {
  const hint = error.isAuthFailure ? " (check UNLEASH_ADMIN_TOKEN: it must be an admin API token or a personal access token)" : "";
  return `${error.message}${hint}`;
}

export function formatSyncOutcome(outcome: SyncOutcome): string {
  const label = `${outcome.flag} (plan ${outcome.planId})`;
  if (outcome.error) return `FAILED ${label}: ${formatFailure(outcome.error)}`;
  const changes = outcome.changes.length > 0 ? ` — ${outcome.changes.join("; ")}` : "";
  return `${label}: ${outcome.action}${changes}`;
}

export function formatSyncSummary(outcomes: readonly SyncOutcome[], planCount: number): string {
  const count = (action: string) => outcomes.filter((outcome) => outcome.action === action).length;
  const failed = outcomes.filter((outcome) => outcome.error).length;
  const skipped = planCount - outcomes.length;
  return `${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${failed} failed${skipped ? `, ${skipped} not tried` : ""}`;
}

const HEADER = ["FLAG", "PLAN", "EXISTS", "ENVIRONMENT", "ENABLED", "ROLLOUT", "STICKINESS", "PLAN SAYS", "IN SYNC"];

function toRows(status: FlagStatus): string[][] {
  const planSays = `${status.planRollout.percentage}% ${status.planRollout.stickiness}`;
  if (status.error) return [[status.flag, status.planId, "?", "-", "-", "-", "-", planSays, `error: ${formatFailure(status.error)}`]];
  if (!status.exists) return [[status.flag, status.planId, "no", "-", "-", "-", "-", planSays, "no (run strangler flags sync)"]];
  if (status.environments.length === 0) return [[status.flag, status.planId, "yes", "(none configured)", "-", "-", "-", planSays, "no"]];
  return status.environments.map((env) => [
    status.flag,
    status.planId,
    "yes",
    env.environment,
    env.enabled ? "on" : "off",
    env.rollout === undefined ? "no strangler strategy" : `${env.rollout}%`,
    env.stickiness ?? "-",
    planSays,
    (env.matchesPlan ? "yes" : "no") + (env.otherStrategies ? ` (+${env.otherStrategies} other strategies)` : ""),
  ]);
}

export function formatStatusTable(statuses: readonly FlagStatus[]): string {
  return formatTable(HEADER, statuses.flatMap(toRows));
}
