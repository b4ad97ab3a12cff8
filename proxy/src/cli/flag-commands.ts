// `strangler flags set|kill|revive`: steer a plan's flag on a running proxy through its admin API
// (PUT /flags/<name>, POST and DELETE /flags/<name>/kill). A plan id stands for its flag.
import { flagsAnswerSchema, flagViewSchema, type AdminFlag } from "./admin-answers.ts";
import { ADMIN_ENV_HELP, ADMIN_OPTION_HELP, ADMIN_OPTIONS, withAdminClient } from "./admin-connection.ts";
import { EXIT, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";
import { describeShare } from "./format-plan-status.ts";
import { ProxyAdminError, type ProxyAdminClient } from "./proxy-admin-client.ts";

async function resolveFlag(client: ProxyAdminClient, nameOrPlan: string): Promise<string> {
  const { flags } = await client.call("GET", "/flags", flagsAnswerSchema);
  const found = flags.find((flag) => flag.name === nameOrPlan) ?? flags.find((flag) => flag.plans.some((plan) => plan.id === nameOrPlan));
  if (found) return found.name;
  const known = flags.map((flag) => `${flag.name} (${flag.plans.map((plan) => `plan ${plan.id}`).join(", ") || "no plan"})`).join(", ") || "none";
  throw new ProxyAdminError("UNKNOWN_FLAG", `no flag or plan named "${nameOrPlan}" on the proxy at ${client.url}; its flags: ${known}`);
}

function describeFlag(flag: AdminFlag, nameOrPlan: string): string {
  const label = `${flag.name} (${flag.plans.map((plan) => `plan ${plan.id}`).join(", ") || "no plan"})`;
  if (flag.killed) return `${label}: killed, every request to legacy; lift it with: strangler flags revive ${nameOrPlan}`;
  return `${label}: share ${describeShare(flag.plans[0]?.share)}`;
}

type Change = { method: "PUT" | "POST" | "DELETE"; suffix: string; body?: unknown };

function changeFlag(args: CommandArgs, io: CliIo, change: Change): Promise<number> {
  const nameOrPlan = args.positionals[0] ?? "";
  return withAdminClient(args, io, async (client) => {
    const name = await resolveFlag(client, nameOrPlan);
    const flag = await client.call(change.method, `/flags/${encodeURIComponent(name)}${change.suffix}`, flagViewSchema, change.body);
    io.stdout(describeFlag(flag, nameOrPlan));
    return EXIT.ok;
  });
}

/** "25" or "25%" → 25; anything but a whole number from 0 to 100 → undefined. */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d{1,3})%?$/.exec(text);
  const value = match ? Number(match[1]) : Number.NaN;
  return value >= 0 && value <= 100 ? value : undefined;
}

async function runSet(args: CommandArgs, io: CliIo): Promise<number> {
  const text = args.positionals[1] ?? "";
  const percentage = parsePercent(text);
  if (percentage === undefined) {
    io.stderr(`strangler: PERCENT must be a whole number from 0 to 100 (got ${JSON.stringify(text)})`);
    return EXIT.usage;
  }
  return changeFlag(args, io, { method: "PUT", suffix: "", body: { percentage } });
}

/** Flag changes also take --why: the reason written to the proxy's audit log. */
const CHANGE_OPTIONS = { ...ADMIN_OPTIONS, why: { type: "string" } } as const;
const CHANGE_OPTION_HELP = `${ADMIN_OPTION_HELP}
  --why TEXT   the reason, written with your name to the proxy's audit log (the dashboard shows it)`;
const CHANGE_ENV_HELP = `${ADMIN_ENV_HELP}
  STRANGLER_ACTOR  who you are in the audit log; default your login name (sent as "cli:<name>")`;

const FLAG_ARG = `FLAG is a flag name (strangler.<plan id> unless the plan names another) or a plan id.`;

export const flagsSetCommand: CommandSpec = {
  name: "flags set",
  synopsis: "FLAG PERCENT [--admin URL] [--why TEXT]",
  summary: "ramp: the share of sessions a flag sends to the new side",
  positionals: ["FLAG", "PERCENT"],
  options: CHANGE_OPTIONS,
  help: `Sets the flag's percentage in the proxy's local flag store (PUT /flags/FLAG): that share of sessions
goes to the plan's target, at once; raising it only moves legacy shoppers over, lowering it only moves
new-side shoppers back. ${FLAG_ARG} A killed flag stays killed until
\`strangler flags revive\`. With Unleash (UNLEASH_URL set on the proxy) the proxy refuses: change the
rollout in Unleash or run \`strangler flags sync\`.

options:
${CHANGE_OPTION_HELP}
${CHANGE_ENV_HELP}
exit: 0 set, 1 the admin API failed or refused, 2 bad arguments or environment`,
  run: runSet,
};

export const flagsKillCommand: CommandSpec = {
  name: "flags kill",
  synopsis: "FLAG [--admin URL] [--why TEXT]",
  summary: "roll back: all of the flag's requests to legacy, at once",
  positionals: ["FLAG"],
  options: CHANGE_OPTIONS,
  help: `The kill switch (POST /flags/FLAG/kill): every request the flag decides goes to legacy at once, with
the local store or with Unleash, whatever the percentage says. ${FLAG_ARG}

options:
${CHANGE_OPTION_HELP}
${CHANGE_ENV_HELP}
exit: 0 killed, 1 the admin API failed or refused, 2 bad arguments or environment`,
  run: (args, io) => changeFlag(args, io, { method: "POST", suffix: "/kill" }),
};

export const flagsReviveCommand: CommandSpec = {
  name: "flags revive",
  synopsis: "FLAG [--admin URL] [--why TEXT]",
  summary: "lift the kill switch",
  positionals: ["FLAG"],
  options: CHANGE_OPTIONS,
  help: `Lifts the kill switch (DELETE /flags/FLAG/kill): the local store's percentage, or Unleash, decides
again. ${FLAG_ARG}

options:
${CHANGE_OPTION_HELP}
${CHANGE_ENV_HELP}
exit: 0 revived, 1 the admin API failed or refused, 2 bad arguments or environment`,
  run: (args, io) => changeFlag(args, io, { method: "DELETE", suffix: "/kill" }),
};
