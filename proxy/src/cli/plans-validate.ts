// `strangler plans validate [DIR]`: the plans package's own checks, offline (no proxy, no Unleash, no env
// needed), every problem with file:line:column, code and fix. The check to run on a plan pull request.
import { formatProblems, loadPlans, type LoadResult } from "@strangler/migration-plans";
import { readKnownTargets } from "./cli-config.ts";
import { EXIT, flagValue, stringValues, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function toJson(dir: string, knownTargets: readonly string[], result: LoadResult) {
  const plans = result.ok ? [...result.plans, ...result.disabled].sort((a, b) => a.source.file.localeCompare(b.source.file)) : [];
  return {
    ok: result.ok,
    dir,
    knownTargets,
    plans: plans.map((plan) => ({ id: plan.id, file: plan.source.file, line: plan.source.line, enabled: plan.enabled, target: plan.target, flag: plan.flag })),
    problems: result.ok ? [] : result.problems,
  };
}

function describeResult(dir: string, knownTargets: readonly string[], result: LoadResult): string {
  const targets = `targets: ${knownTargets.join(", ")}`;
  if (!result.ok) return `${formatProblems(result.problems)}\n${plural(result.problems.length, "problem")} in ${dir} (${targets})`;
  const count = result.plans.length + result.disabled.length;
  const disabled = result.disabled.length > 0 ? `, ${result.disabled.length} disabled` : "";
  return count === 0 ? `no plan files (*.yaml, *.yml) in ${dir}; nothing to check` : `${plural(count, "plan")} OK in ${dir}${disabled} (${targets})`;
}

async function runValidate(args: CommandArgs, io: CliIo): Promise<number> {
  const dir = args.positionals[0] ?? (io.env.PLANS_DIR || "./plans");
  const knownTargets = readKnownTargets(io.env, stringValues(args, "target"));
  const result = await loadPlans(dir, { knownTargets });
  if (flagValue(args, "json")) io.stdout(JSON.stringify(toJson(dir, knownTargets, result), null, 2));
  else io.stdout(describeResult(dir, knownTargets, result));
  return result.ok ? EXIT.ok : EXIT.failed;
}

export const plansValidateCommand: CommandSpec = {
  name: "plans validate",
  synopsis: "[DIR] [--target NAME]… [--json]",
  summary: "check plan files offline: file:line:column, code, fix",
  positionals: ["DIR?"],
  options: { target: { type: "string", multiple: true }, json: { type: "boolean" } },
  help: `Checks every *.yaml / *.yml plan in DIR with the checks the proxy runs when it loads them (shape, rollout,
patterns, duplicate ids, overlapping matches, flag collisions, targets) and prints every problem as
file:line:column  code  message, with a fix. Needs no proxy, no Unleash and no env: run it on every
plan pull request. DIR defaults to PLANS_DIR, else ./plans.

A plan's target must be an upstream the proxy knows: legacy and new-frontend are always accepted (offline
there is no NEW_FRONTEND_URL to look at); add each other upstream with --target NAME, or let the env name
it as the proxy does (UPSTREAM_SEARCH_SERVICE_URL=… → search-service).

options:
  --target NAME  accept NAME as a target too (repeatable)
  --json         print { ok, dir, knownTargets, plans: [{ id, file, line, enabled, target, flag }],
                 problems: [{ file, line, column, planId, code, message, fix }] } instead
exit: 0 every plan is valid, 1 any problem (an unreadable DIR included), 2 bad arguments`,
  run: runValidate,
};
