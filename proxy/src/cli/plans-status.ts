// `strangler plans status`: each plan a running proxy serves, with target, match, flag, stage and the
// share of sessions its flag sends to the target now (GET /plans joined with GET /flags on the admin API).
import type { AdminShare } from "./admin-answers.ts";
import { flagsAnswerSchema, plansAnswerSchema } from "./admin-answers.ts";
import { ADMIN_ENV_HELP, ADMIN_OPTION_HELP, ADMIN_OPTIONS, withAdminClient } from "./admin-connection.ts";
import { EXIT, flagValue, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";
import { formatPlanStatus, toPlanRows } from "./format-plan-status.ts";
import { ProxyAdminError, type ProxyAdminClient } from "./proxy-admin-client.ts";

/** Plan id → share; empty when the proxy mounts no flags router (a flag provider it cannot manage). */
async function readShares(client: ProxyAdminClient): Promise<Map<string, AdminShare | undefined>> {
  try {
    const { flags } = await client.call("GET", "/flags", flagsAnswerSchema);
    return new Map(flags.flatMap((flag) => flag.plans.map((plan) => [plan.id, plan.share] as const)));
  } catch (error) {
    if (error instanceof ProxyAdminError && error.status === 404) return new Map();
    throw error;
  }
}

async function runPlansStatus(args: CommandArgs, io: CliIo): Promise<number> {
  return withAdminClient(args, io, async (client) => {
    const answer = await client.call("GET", "/plans", plansAnswerSchema);
    const shares = await readShares(client);
    const rows = toPlanRows([...answer.plans, ...answer.disabled], (id) => shares.get(id));
    if (flagValue(args, "json")) {
      const { dir, loadedAt, problems, refusedAt } = answer;
      io.stdout(JSON.stringify({ admin: client.url, dir, loadedAt, plans: rows, problems, refusedAt }, null, 2));
    } else {
      io.stdout(formatPlanStatus(client.url, answer, rows));
    }
    return EXIT.ok;
  });
}

export const plansStatusCommand: CommandSpec = {
  name: "plans status",
  synopsis: "[--admin URL] [--json]",
  summary: "a running proxy's plans: target, match, flag, stage, share",
  positionals: [],
  options: { ...ADMIN_OPTIONS, json: { type: "boolean" } },
  help: `Asks a running proxy's admin API which plans it serves and prints, for each: its target, its match
entries, its flag, its stage (split: the flag splits traffic; off: the plan is disabled) and the share of
sessions the flag sends to the target now, with what decides it (local flag, plan rollout, Unleash, or
killed). A plan edit the proxy refused is shown below, with its problems; the last good plans keep serving.

options:
${ADMIN_OPTION_HELP}
  --json       print { admin, dir, loadedAt, plans: [{ id, target, match, flag, stage,
               share: { percentage, decidedBy } }], problems, refusedAt } instead
${ADMIN_ENV_HELP}
exit: 0 shown, 1 the admin API failed or refused, 2 bad arguments or environment`,
  run: runPlansStatus,
};
