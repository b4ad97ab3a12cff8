// `strangler rollout status|start|pause|resume|promote|rollback`: a plan's guarded ramp on a running
// proxy, through its admin API (/rollout). Changes take --dry-run (the decision, nothing written) and
// --why (the audit log's reason). `rollout run` and `rollout simulate` live in rollout-run.ts and
// rollout-simulate.ts.
import { z } from "zod";
import { ADMIN_ENV_HELP, ADMIN_OPTION_HELP, ADMIN_OPTIONS, withAdminClient } from "./admin-connection.ts";
import { EXIT, flagValue, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";

const verdictSchema = z.object({
  label: z.string(), status: z.string(), value: z.number().nullish(), legacyValue: z.number().nullish(), bound: z.number(),
  samples: z.object({ new: z.number(), legacy: z.number().optional() }), minSamples: z.number(),
  statistic: z.object({ test: z.string(), value: z.number(), threshold: z.number() }).optional(),
});
const stateSchema = z.object({
  status: z.string(), percent: z.number(), stepIndex: z.number(), stepStartedAt: z.number(), version: z.number(),
  lastEvaluatedAt: z.number().optional(), reason: z.string().optional(), verdicts: z.array(verdictSchema).optional(),
});
const rampSchema = z.object({
  plan: z.string(), flag: z.string(), steps: z.array(z.number()), bakeSeconds: z.number(), evaluateSeconds: z.number(), onBreach: z.string(),
  state: stateSchema, nextEvaluationAt: z.number().nullish(), bakeEndsAt: z.number().nullish(), leader: z.string().nullable(),
  audit: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), from: z.number().nullable(), to: z.number().nullable(), why: z.string().nullish() })),
});
const outcomeSchema = z.object({
  plan: z.string(), command: z.string(), dryRun: z.boolean(), refused: z.string().optional(),
  decision: z.object({ action: z.string(), from: z.number(), to: z.number(), reason: z.string() }).optional(),
  state: stateSchema.optional(),
});

type Ramp = z.output<typeof rampSchema>;

const time = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().slice(11, 19) : "-");

export function formatRamp(ramp: Ramp): string {
  const steps = ramp.steps.map((step, i) => (i === ramp.state.stepIndex ? `[${step}]` : String(step))).join(" → ");
  const lines = [
    `${ramp.plan} (${ramp.flag}): ${ramp.state.status} at ${ramp.state.percent} %   steps ${steps}   bake ${ramp.bakeSeconds} s, on breach ${ramp.onBreach}`,
    `  leader ${ramp.leader ?? "none"}; bake ends ${time(ramp.bakeEndsAt)}, next evaluation ${time(ramp.nextEvaluationAt)}`,
  ];
  if (ramp.state.reason) lines.push(`  last: ${ramp.state.reason}`);
  for (const verdict of ramp.state.verdicts ?? []) {
    const value = verdict.value === null || verdict.value === undefined ? "-" : String(Math.round(verdict.value * 10_000) / 10_000);
    const stat = verdict.statistic ? `${verdict.statistic.test} ${verdict.statistic.value} / ${verdict.statistic.threshold}` : "";
    lines.push(`  ${verdict.status.padEnd(7)} ${verdict.label.padEnd(28)} value ${value}${verdict.legacyValue === null || verdict.legacyValue === undefined ? "" : ` (legacy ${Math.round(verdict.legacyValue * 10_000) / 10_000})`}  samples ${verdict.samples.new}${verdict.samples.legacy === undefined ? "" : `/${verdict.samples.legacy}`} of ${verdict.minSamples}  ${stat}`);
  }
  for (const entry of ramp.audit.slice(0, 5)) lines.push(`  ${entry.at} ${entry.actor} ${entry.action} ${entry.from ?? "?"} → ${entry.to ?? "?"}: ${entry.why ?? ""}`);
  return lines.join("\n");
}

async function runStatus(args: CommandArgs, io: CliIo): Promise<number> {
  const plan = args.positionals[0];
  return withAdminClient(args, io, async (client) => {
    const ramps = plan === undefined
      ? (await client.call("GET", "/rollout", z.object({ ramps: z.array(rampSchema) }))).ramps
      : [await client.call("GET", `/rollout/${encodeURIComponent(plan)}`, rampSchema)];
    if (flagValue(args, "json")) io.stdout(JSON.stringify(ramps, null, 2));
    else io.stdout(ramps.length === 0 ? "no plan has rollout.steps" : ramps.map(formatRamp).join("\n\n"));
    return EXIT.ok;
  });
}

function runCommand(command: string) {
  return (args: CommandArgs, io: CliIo) => withAdminClient(args, io, async (client) => {
    const plan = args.positionals[0] ?? "";
    const dryRun = flagValue(args, "dry-run");
    const outcome = await client.call("POST", `/rollout/${encodeURIComponent(plan)}/${command}`, outcomeSchema, { dryRun }).catch((error: unknown) => {
      // 409 carries the refusal as an outcome; anything else stays an admin API failure.
      if ((error as { status?: number }).status === 409) return { plan, command, dryRun, refused: (error as Error).message.replace(/^.*HTTP 409: /, "") };
      throw error;
    });
    if (!("decision" in outcome) || outcome.decision === undefined) {
      io.stderr(`strangler: rollout ${command} ${plan} refused: ${outcome.refused ?? "no decision"}`);
      return EXIT.failed;
    }
    const { decision } = outcome;
    io.stdout(`${dryRun ? "dry run, nothing written: would " : ""}${decision.action} ${plan}: ${decision.from} % → ${decision.to} % (${decision.reason})`);
    return EXIT.ok;
  });
}

const CHANGE_HELP = `options:
  --dry-run    print what would happen; nothing is written
  --why TEXT   the reason, written to the audit log
${ADMIN_OPTION_HELP}
${ADMIN_ENV_HELP}
exit: 0 done, 1 refused (say why) or the admin API failed, 2 bad arguments or environment`;

const change = (name: string, summary: string, help: string): CommandSpec => ({
  name: `rollout ${name}`, synopsis: "PLAN [--dry-run] [--why TEXT] [--admin URL]", summary, positionals: ["PLAN"],
  options: { ...ADMIN_OPTIONS, "dry-run": { type: "boolean" }, why: { type: "string" } },
  help: `${help}\n\n${CHANGE_HELP}`, run: runCommand(name),
});

export const rolloutStatusCommand: CommandSpec = {
  name: "rollout status", synopsis: "[PLAN] [--json] [--admin URL]", summary: "each ramp's step, guardrails and audit trail", positionals: ["PLAN?"],
  options: { ...ADMIN_OPTIONS, json: { type: "boolean" } },
  help: `Shows each plan with rollout.steps (or PLAN): its status and step, the leader, when the bake ends and
the next evaluation is due, each guardrail's value against its bound with its sample and test statistic,
and the last audit lines.

options:
  --json       the admin API's JSON (GET /rollout, /rollout/PLAN)
${ADMIN_OPTION_HELP}
${ADMIN_ENV_HELP}
exit: 0 shown, 1 the admin API failed, 2 bad arguments or environment`,
  run: runStatus,
};

export const rolloutChangeCommands: readonly CommandSpec[] = [
  change("start", "begin a plan's guarded ramp at its first step", "Starts the ramp at the first step (also after a rollback, or a finished ramp); the controller then promotes\nit step by step while every guardrail passes."),
  change("pause", "hold a ramp at its step", "The controller stops judging and promoting the plan; the share stays where it is."),
  change("resume", "carry on a paused ramp", "Resumes a paused ramp at its step; the bake starts over."),
  change("promote", "go to the next step now, without the bake", "Moves to the next step at once (the guardrails are not waited for)."),
  change("rollback", "everyone back to legacy, ramp stopped", "Sends every shopper back to legacy (0 %); `rollout start` begins again at the first step."),
];
