// The live route table. Plans load once at start (a broken set stops start-up); then every edit the
// watcher reports is compiled into a new table and swapped in with one assignment, so a request sees
// either the old table or the new one, never a mix. A broken edit is refused and logged; the last good
// table keeps serving and its problems show on the admin API.
import { formatProblems, loadPlans, watchPlans } from "@strangler/migration-plans";
import type { LoadResult, Plan, PlanProblem } from "@strangler/migration-plans";
import type { Logger } from "pino";
import { ConfigError } from "../errors.ts";
import { compileRouteTable, EMPTY_ROUTE_TABLE } from "../routing/route-table.ts";
import type { RouteTable } from "../routing/route-table.ts";

export interface PlanStatus {
  dir: string | undefined;
  plans: readonly Plan[];
  /** Parked plans (`enabled: false`): validated, never routing. */
  disabled: readonly Plan[];
  loadedAt: string | undefined;
  /** Problems of the last refused edit; empty when the last load succeeded. */
  problems: readonly PlanProblem[];
  refusedAt: string | undefined;
  reloads: number;
}

export interface PlanState {
  getTable(): RouteTable;
  status(): PlanStatus;
  close(): Promise<void>;
}

export interface PlanStateOptions {
  /** Optional. No directory: no plans, everything goes to legacy. */
  dir: string | undefined;
  knownTargets: readonly string[];
  logger: Logger;
  /** Optional. Watcher debounce in ms (the plans package's default otherwise). */
  debounceMs?: number;
  onReload?(ok: boolean): void;
}

export async function createPlanState(options: PlanStateOptions): Promise<PlanState> {
  const { dir, logger } = options;
  let table: RouteTable = EMPTY_ROUTE_TABLE;
  const status: PlanStatus = { dir, plans: [], disabled: [], loadedAt: undefined, problems: [], refusedAt: undefined, reloads: 0 };
  if (dir === undefined) return { getTable: () => table, status: () => status, close: async () => {} };

  const first = await loadPlans(dir, { knownTargets: options.knownTargets });
  if (!first.ok) throw new ConfigError(`PLANS_DIR ${dir} has invalid plans:\n${formatProblems(first.problems)}`);
  table = compileRouteTable(first.plans);
  Object.assign(status, { plans: first.plans, disabled: first.disabled, loadedAt: new Date().toISOString() });
  logger.info({ plans: first.plans.map((plan) => plan.id), routes: table.routes.length }, "plans loaded");

  const apply = (result: LoadResult) => {
    status.reloads += 1;
    const next = result.ok ? tryCompile(result.plans) : result;
    if (!next.ok) {
      Object.assign(status, { problems: next.problems, refusedAt: new Date().toISOString() });
      logger.error({ problems: next.problems }, `plan edit refused, last good plans keep serving:\n${formatProblems(next.problems)}`);
      options.onReload?.(false);
      return;
    }
    table = next.table;
    const disabled = result.ok ? result.disabled : [];
    Object.assign(status, { plans: next.table.plans, disabled, loadedAt: new Date().toISOString(), problems: [], refusedAt: undefined });
    logger.info({ plans: next.table.plans.map((plan) => plan.id), routes: next.table.routes.length }, "plans reloaded");
    options.onReload?.(true);
  };
  const watcher = watchPlans(dir, { knownTargets: options.knownTargets, debounceMs: options.debounceMs }, apply);
  return { getTable: () => table, status: () => status, close: () => watcher.close() };
}

function tryCompile(plans: Plan[]): { ok: true; table: RouteTable } | { ok: false; problems: PlanProblem[] } {
  try {
    return { ok: true, table: compileRouteTable(plans) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file: "(compile)", line: 1, code: "invalid-pattern", message, fix: "correct the pattern named in the message" }] };
  }
}
