// How `strangler plans status` shows a plan: its match entries in one line, its share with what decides it.
import { formatProblems, type PlanProblem } from "@strangler/migration-plans";
import type { AdminMatchEntry, AdminPlans, AdminShare } from "./admin-answers.ts";
import { formatTable } from "./table.ts";

export interface PlanStatusRow {
  id: string;
  target: string;
  match: string[];
  flag: string;
  /** The plan's stage; a parked (disabled) plan shows off. */
  stage: "shadow" | "split" | "off";
  /** undefined when the proxy has no flags admin API to ask. */
  share: AdminShare | undefined;
}

const DEFAULT_METHODS = "GET,HEAD";

function pairs(prefix: string, values: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(values ?? {}).map(([name, value]) => `${prefix}${name}=${value}`);
}

/** One match entry as `path ?query pageType=… METHODS host=…`, the fields it constrains only. */
export function describeMatch(entry: AdminMatchEntry): string {
  const query = Object.entries(entry.query ?? {}).map(([name, value]) => `${name}=${value}`).join("&");
  const methods = entry.methods.join(",");
  return [
    entry.path?.raw,
    query ? `?${query}` : undefined,
    entry.pageType ? `pageType=${entry.pageType}` : undefined,
    methods === DEFAULT_METHODS ? undefined : methods,
    entry.host ? `host=${entry.host}` : undefined,
    entry.store ? `store=${entry.store}` : undefined,
    ...pairs("header:", entry.header),
    ...pairs("cookie:", entry.cookie),
    entry.graphql ? describeGraphql(entry.graphql) : undefined,
  ].filter((part) => part !== undefined).join(" ");
}

/** `graphql=ProductSearch{products(search)}`: the operation name, then root fields with the argument. */
function describeGraphql(graphql: NonNullable<AdminMatchEntry["graphql"]>): string {
  const argument = graphql.argument ? `(${graphql.argument})` : "";
  const fields = graphql.rootFields ? `{${graphql.rootFields.map((field) => `${field}${argument}`).join(",")}}` : "";
  return `graphql=${graphql.operationName ?? ""}${fields}`;
}

const DECIDED_BY: Record<string, string> = {
  "kill-switch": "killed",
  local: "local flag",
  "plan-rollout": "plan rollout",
  unleash: "Unleash",
  "unknown-to-unleash": "flag not in Unleash",
  parked: "plan disabled",
};

export function describeShare(share: AdminShare | undefined): string {
  if (!share) return "? (no flags admin API)";
  const by = DECIDED_BY[share.decidedBy] ?? share.decidedBy;
  return share.percentage === null ? `? (${by}: not one plain rollout, see its strategies)` : `${share.percentage}% (${by})`;
}

export function toPlanRows(plans: AdminPlans["plans"], shareOf: (planId: string) => AdminShare | undefined): PlanStatusRow[] {
  return plans.map((plan) => ({
    id: plan.id,
    target: plan.target,
    match: plan.match.map(describeMatch),
    flag: plan.flag,
    stage: plan.enabled ? plan.stage : "off",
    // A parked plan routes nothing, whatever its flag says; nor does one in stage shadow or off.
    share: !plan.enabled ? { percentage: 0, decidedBy: "parked" } : plan.stage === "split" ? shareOf(plan.id) : { percentage: 0, decidedBy: `stage ${plan.stage}` },
  }));
}

const HEADER = ["PLAN", "TARGET", "MATCH", "FLAG", "STAGE", "SHARE"];

export function formatPlanStatus(adminUrl: string, answer: AdminPlans, rows: readonly PlanStatusRow[]): string {
  const source = answer.dir ? `plans in ${answer.dir}, loaded ${answer.loadedAt ?? "never"}` : "no PLANS_DIR: every request goes to legacy";
  const lines = [rows.length === 0 ? `no plans loaded (${source})` : formatTable(HEADER, rows.map((row) => [row.id, row.target, row.match.join(" | "), row.flag, row.stage, describeShare(row.share)]))];
  if (rows.length > 0) lines.push(`(${source}; admin API ${adminUrl})`);
  if (answer.refusedAt) {
    // The admin API sends the plans package's own problems; only `code` is typed looser on the way.
    lines.push(`last plan edit refused at ${answer.refusedAt}; the plans above keep serving:\n${formatProblems(answer.problems as PlanProblem[])}`);
  }
  return lines.join("\n");
}
