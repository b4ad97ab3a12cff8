// `strangler rollout simulate PLAN --metrics FILE`: replays recorded per-minute counts through the
// controller's own judge and step machine and prints the decisions it would take.
import { readFile } from "node:fs/promises";
import { formatProblems, loadPlans } from "@strangler/migration-plans";
import { z } from "zod";
import { simulateRamp } from "../rollout/simulate.ts";
import type { PlanMinute } from "../stats/traffic-stats.ts";
import { readKnownTargets } from "./cli-config.ts";
import { EXIT, flagValue, stringValue, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";

const sideSchema = z.object({
  requests: z.number(), errors: z.number(), fallbacks: z.number(), latency: z.array(z.number()),
  addToCartAttempts: z.number(), addToCartSuccesses: z.number(),
});
const recordingSchema = z.object({ minutes: z.array(z.object({ plan: z.string(), minute: z.number(), legacy: sideSchema, new: sideSchema })) });

async function runSimulate(args: CommandArgs, io: CliIo): Promise<number> {
  const planId = args.positionals[0]!;
  const file = stringValue(args, "metrics");
  if (file === undefined) {
    io.stderr("strangler: --metrics FILE is required (a GET /stats/traffic answer saved as JSON)");
    return EXIT.usage;
  }
  const dir = stringValue(args, "plans") ?? io.env.PLANS_DIR ?? "./plans";
  const loaded = await loadPlans(dir, { knownTargets: readKnownTargets(io.env) });
  if (!loaded.ok) {
    io.stderr(`strangler: the plans in ${dir} have problems:\n${formatProblems(loaded.problems)}`);
    return EXIT.failed;
  }
  const plan = [...loaded.plans, ...loaded.disabled].find((candidate) => candidate.id === planId);
  if (!plan?.rollout.ramp) {
    io.stderr(`strangler: plan "${planId}" ${plan ? "has no rollout.steps" : `is not in ${dir}`}`);
    return EXIT.failed;
  }
  let recording: z.output<typeof recordingSchema>;
  try {
    recording = recordingSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    io.stderr(`strangler: ${file} is not a saved GET /stats/traffic answer ({ "minutes": [...] }): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return EXIT.failed;
  }
  const decisions = simulateRamp(plan.id, plan.rollout.ramp, recording.minutes as PlanMinute[]);
  if (flagValue(args, "json")) io.stdout(JSON.stringify(decisions, null, 2));
  else if (decisions.length === 0) io.stdout(`no minutes of plan ${plan.id} in ${file}`);
  else for (const d of decisions) io.stdout(`${new Date(d.at).toISOString().slice(0, 16).replace("T", " ")}  ${d.action.padEnd(8)} ${String(d.from).padStart(3)} % → ${String(d.to).padStart(3)} %  ${d.reason}`);
  return EXIT.ok;
}

export const rolloutSimulateCommand: CommandSpec = {
  name: "rollout simulate",
  synopsis: "PLAN --metrics FILE [--plans DIR] [--json]",
  summary: "the decisions a ramp would take on recorded traffic",
  positionals: ["PLAN"],
  options: { metrics: { type: "string" }, plans: { type: "string" }, json: { type: "boolean" } },
  help: `Replays recorded per-minute counts (save them with: curl -H "Authorization: Bearer $ADMIN_TOKEN"
"$ADMIN/stats/traffic?plan=PLAN&minutes=180" > FILE) through the controller's own guardrail judge and
step machine, starting the ramp at the first minute, looking every evaluateSeconds (whole minutes), and
prints each decision with its reason. The recording's split between sides is the one live when it was
recorded: the output says what the controller would have decided on those numbers.

options:
  --metrics FILE  the saved GET /stats/traffic answer (required)
  --plans DIR     the plan directory; default $PLANS_DIR or ./plans
  --json          the decisions as JSON
exit: 0 simulated, 1 a plan or file problem, 2 bad arguments`,
  run: runSimulate,
};
