// `strangler flags sync|status`: the plans' toggles in Unleash, through its Admin API.
import { formatProblems, loadPlans, type Plan } from "@strangler/migration-plans";
import { cliEnvSchema, describeEnvProblems, parseCliEnv, readKnownTargets, type CliConfig } from "./cli-config.ts";
import { EXIT, flagValue, stringValue, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";
import { readFlagStatus } from "./flag-status.ts";
import { formatStatusTable, formatSyncOutcome, formatSyncSummary } from "./format-output.ts";
import { syncFlags } from "./sync-flags.ts";
import { createUnleashAdminClient } from "./unleash-admin-client.ts";

const ENV_HELP = `env:
  UNLEASH_URL          the Unleash API root, e.g. http://unleash:4242/api (required)
  UNLEASH_ADMIN_TOKEN  an admin API token or a personal access token (required)
  UNLEASH_PROJECT      default: default
  UNLEASH_ENVIRONMENT  default: development; a comma-separated list
  PLANS_DIR            default: ./plans (--plans wins)
  UPSTREAM_<NAME>_URL  plans may target <name> besides legacy and new-frontend`;

async function readPlans(config: CliConfig, io: CliIo): Promise<Plan[] | undefined> {
  const result = await loadPlans(config.PLANS_DIR, { knownTargets: readKnownTargets(io.env) });
  if (!result.ok) {
    io.stderr(`strangler: the plans in ${config.PLANS_DIR} have problems; nothing was sent to Unleash:\n${formatProblems(result.problems)}`);
    return undefined;
  }
  return [...result.plans, ...result.disabled];
}

/** Parses the env and loads the plans; undefined after saying why not (the exit code is in `exit`). */
async function prepare(args: CommandArgs, io: CliIo): Promise<{ config: CliConfig; plans: Plan[] } | { exit: number }> {
  const env = parseCliEnv(cliEnvSchema, io.env, { PLANS_DIR: stringValue(args, "plans") });
  if (!env.success) {
    io.stderr(`strangler: bad environment:\n${describeEnvProblems(env.error)}`);
    return { exit: EXIT.usage };
  }
  const plans = await readPlans(env.data, io);
  return plans ? { config: env.data, plans } : { exit: EXIT.failed };
}

async function runSync(args: CommandArgs, io: CliIo): Promise<number> {
  const ready = await prepare(args, io);
  if ("exit" in ready) return ready.exit;
  const { config, plans } = ready;
  const client = createUnleashAdminClient(config.UNLEASH_URL, config.UNLEASH_ADMIN_TOKEN);
  const outcomes = await syncFlags(client, { project: config.UNLEASH_PROJECT, environments: config.UNLEASH_ENVIRONMENT }, plans);
  for (const outcome of outcomes) (outcome.error ? io.stderr : io.stdout)(formatSyncOutcome(outcome));
  const failed = outcomes.some((outcome) => outcome.error);
  (failed ? io.stderr : io.stdout)(formatSyncSummary(outcomes, plans.length));
  return failed ? EXIT.failed : EXIT.ok;
}

async function runStatus(args: CommandArgs, io: CliIo): Promise<number> {
  const ready = await prepare(args, io);
  if ("exit" in ready) return ready.exit;
  const { config, plans } = ready;
  const client = createUnleashAdminClient(config.UNLEASH_URL, config.UNLEASH_ADMIN_TOKEN);
  const statuses = [];
  for (const plan of plans) {
    const status = await readFlagStatus(client, config.UNLEASH_PROJECT, config.UNLEASH_ENVIRONMENT, plan);
    statuses.push(status);
    if (status.error?.isFatal) break;
  }
  const failed = statuses.some((status) => status.error);
  if (flagValue(args, "json")) io.stdout(JSON.stringify(statuses.map(({ error, ...status }) => ({ ...status, error: error?.message })), null, 2));
  else (failed ? io.stderr : io.stdout)(formatStatusTable(statuses));
  return failed ? EXIT.failed : EXIT.ok;
}

export const flagsSyncCommand: CommandSpec = {
  name: "flags sync",
  synopsis: "[--plans DIR]",
  summary: "one Unleash toggle per plan, created or updated (idempotent)",
  positionals: [],
  options: { plans: { type: "string" } },
  help: `Creates or updates one Unleash toggle per plan: a flexibleRollout titled "strangler rollout" at the
plan's rollout and stickiness, in every UNLEASH_ENVIRONMENT. A toggle it creates is switched on; an
existing one keeps its on/off state (turning it off in Unleash is the kill switch), and constraints and
variants added in Unleash stay. The plans are validated first: with any problem, nothing is sent.

options:
  --plans DIR  the plan directory
${ENV_HELP}
exit: 0 done, 1 a plan problem or a failed Unleash call, 2 bad arguments or environment`,
  run: runSync,
};

export const flagsStatusCommand: CommandSpec = {
  name: "flags status",
  synopsis: "[--plans DIR] [--json]",
  summary: "each plan's flag in Unleash, beside the plan's own rollout",
  positionals: [],
  options: { plans: { type: "string" }, json: { type: "boolean" } },
  help: `Shows, for each plan, its toggle in Unleash per environment (on/off, rollout, stickiness) next to
the plan's own rollout, and whether they agree.

options:
  --plans DIR  the plan directory
  --json       one JSON array instead of the table
${ENV_HELP}
exit: 0 done, 1 a plan problem or a failed Unleash call, 2 bad arguments or environment`,
  run: runStatus,
};
