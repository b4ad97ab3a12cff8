// The `strangler` command line. Returns the exit code instead of exiting, so tests run it in-process.
import { formatProblems, loadPlans, type Plan } from "@strangler/migration-plans";
import { cliEnvSchema, describeEnvProblems, readKnownTargets, type CliConfig } from "./cli-config.ts";
import { readFlagStatus } from "./flag-status.ts";
import { formatStatusTable, formatSyncOutcome, formatSyncSummary } from "./format-output.ts";
import { syncFlags } from "./sync-flags.ts";
import { createUnleashAdminClient } from "./unleash-admin-client.ts";

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(line: string): void;
  stderr(line: string): void;
}

export const USAGE = `usage: strangler flags sync   [--plans DIR]   create or update one Unleash toggle per plan (idempotent)
       strangler flags status [--plans DIR] [--json]   show each plan's flag in Unleash
env:   UNLEASH_URL (API root, …/api), UNLEASH_ADMIN_TOKEN, UNLEASH_PROJECT (default), UNLEASH_ENVIRONMENT (development; comma list), PLANS_DIR (./plans)`;

interface ParsedArgs {
  command: "sync" | "status";
  plansDir?: string;
  json: boolean;
}

function parseArgs(argv: readonly string[]): ParsedArgs | string {
  const [group, command, ...rest] = argv;
  if (group !== "flags" || (command !== "sync" && command !== "status")) return `unknown command: ${argv.join(" ") || "(none)"}`;
  const parsed: ParsedArgs = { command, json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--json") parsed.json = true;
    else if (arg === "--plans" && rest[i + 1]) parsed.plansDir = rest[++i];
    else return `unknown option: ${arg}`;
  }
  return parsed;
}

async function readPlans(config: CliConfig, io: CliIo): Promise<Plan[] | undefined> {
  const result = await loadPlans(config.PLANS_DIR, { knownTargets: readKnownTargets(io.env) });
  if (!result.ok) {
    io.stderr(`strangler: the plans in ${config.PLANS_DIR} have problems; nothing was sent to Unleash:\n${formatProblems(result.problems)}`);
    return undefined;
  }
  return [...result.plans, ...result.disabled];
}

async function runSync(config: CliConfig, plans: Plan[], io: CliIo): Promise<number> {
  const client = createUnleashAdminClient(config.UNLEASH_URL, config.UNLEASH_ADMIN_TOKEN);
  const outcomes = await syncFlags(client, { project: config.UNLEASH_PROJECT, environments: config.UNLEASH_ENVIRONMENT }, plans);
  for (const outcome of outcomes) (outcome.error ? io.stderr : io.stdout)(formatSyncOutcome(outcome));
  const failed = outcomes.some((outcome) => outcome.error);
  (failed ? io.stderr : io.stdout)(formatSyncSummary(outcomes, plans.length));
  return failed ? 1 : 0;
}

async function runStatus(config: CliConfig, plans: Plan[], json: boolean, io: CliIo): Promise<number> {
  const client = createUnleashAdminClient(config.UNLEASH_URL, config.UNLEASH_ADMIN_TOKEN);
  const statuses = [];
  for (const plan of plans) {
    const status = await readFlagStatus(client, config.UNLEASH_PROJECT, config.UNLEASH_ENVIRONMENT, plan);
    statuses.push(status);
    if (status.error?.isFatal) break;
  }
  const failed = statuses.some((status) => status.error);
  if (json) io.stdout(JSON.stringify(statuses.map(({ error, ...status }) => ({ ...status, error: error?.message })), null, 2));
  else (failed ? io.stderr : io.stdout)(formatStatusTable(statuses));
  return failed ? 1 : 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.stderr(`strangler: ${args}\n${USAGE}`);
    return 2;
  }
  const env = cliEnvSchema.safeParse({ ...io.env, ...(args.plansDir ? { PLANS_DIR: args.plansDir } : {}) });
  if (!env.success) {
    io.stderr(`strangler: bad environment:\n${describeEnvProblems(env.error)}`);
    return 2;
  }
  const plans = await readPlans(env.data, io);
  if (!plans) return 1;
  return args.command === "sync" ? runSync(env.data, plans, io) : runStatus(env.data, plans, args.json, io);
}
