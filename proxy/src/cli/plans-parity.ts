// `strangler plans parity <plan>`: a shadowed plan's parity score per page type, the fields that differ most,
// and its last mismatches (GET /parity and /parity/:plan/samples on a running proxy's admin API).
// `strangler plans parity --crawl` compares a whole catalog instead, without a proxy (parity-crawl.ts).
import type { AdminParity } from "./admin-answers.ts";
import { parityAnswerSchema, paritySamplesSchema } from "./admin-answers.ts";
import { ADMIN_ENV_HELP, ADMIN_OPTION_HELP, ADMIN_OPTIONS, withAdminClient } from "./admin-connection.ts";
import { EXIT, flagValue, stringValue, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";
import { runParityCrawl } from "./parity-crawl.ts";
import { formatTable } from "./table.ts";

export function formatParity(plans: AdminParity["plans"]): string {
  const rows = plans.flatMap((plan) => plan.pageTypes.map((type) => [
    plan.plan, type.pageType, String(type.compared), formatPercent(type.score),
    Object.entries(type.mismatchesByField).slice(0, 5).map(([field, count]) => `${field} ${count}`).join(", ") || "-",
  ]));
  return rows.length === 0 ? "nothing compared yet" : formatTable(["PLAN", "PAGE TYPE", "COMPARED", "PARITY", "MISMATCHES BY FIELD"], rows);
}

export function formatPercent(score: number): string {
  return `${(Math.floor(score * 1000) / 10).toFixed(1)}%`;
}

async function runPlansParity(args: CommandArgs, io: CliIo): Promise<number> {
  if (flagValue(args, "crawl")) return runParityCrawl(args, io);
  const planId = args.positionals[0];
  if (planId === undefined) {
    io.stderr("strangler: plans parity needs a plan id (or --crawl)");
    return EXIT.usage;
  }
  return withAdminClient(args, io, async (client) => {
    const { plans } = await client.call("GET", "/parity", parityAnswerSchema);
    const mine = plans.filter((plan) => plan.plan === planId);
    if (mine.length === 0) {
      io.stderr(`strangler: no parity recorded for plan "${planId}" (is it in stage shadow, and has a sample been compared?)`);
      return EXIT.failed;
    }
    const { samples } = await client.call("GET", `/parity/${encodeURIComponent(planId)}/samples`, paritySamplesSchema);
    if (flagValue(args, "json")) {
      io.stdout(JSON.stringify({ admin: client.url, ...mine[0], samples }, null, 2));
      return EXIT.ok;
    }
    const shown = samples.slice(0, Number(stringValue(args, "samples") ?? 5));
    const lines = shown.map((sample) => `${sample.at} ${sample.pageType} ${sample.url}\n${sample.differences.slice(0, 6)
      .map((difference) => `    ${difference.path}: ${JSON.stringify(difference.legacy)} → ${JSON.stringify(difference.candidate)}`).join("\n")}`);
    io.stdout([formatParity(mine), ...(lines.length > 0 ? ["", "last mismatches (legacy → new):", ...lines] : [])].join("\n"));
    return EXIT.ok;
  });
}

export const plansParityCommand: CommandSpec = {
  name: "plans parity",
  synopsis: "[PLAN] [--admin URL] [--samples N] [--json] | --crawl [--legacy URL] [--new URL] [--concurrency N] [--limit N]",
  summary: "parity of a plan in stage shadow (or of a whole catalog with --crawl)",
  positionals: ["plan?"],
  options: {
    ...ADMIN_OPTIONS, json: { type: "boolean" }, samples: { type: "string" }, crawl: { type: "boolean" },
    legacy: { type: "string" }, new: { type: "string" }, concurrency: { type: "string" }, limit: { type: "string" },
  },
  help: `Asks a running proxy how closely a plan's target matches legacy while the plan is in stage shadow:
per page type, the share of compared requests with no difference beyond learned noise, the fields that
differed most, and the last mismatches with both values.

With --crawl, needs no proxy: it asks legacy's GraphQL for every product and category URL of the catalog,
fetches each from legacy and from the new side (bounded concurrency), compares the same commerce facts,
and prints the score per page type and the fields that differ most, with examples.

options:
${ADMIN_OPTION_HELP}
  --samples N      mismatches to print; default 5
  --json           print { admin, plan, compared, matched, score, pageTypes, samples } instead
  --crawl          compare the whole catalog (no proxy)
  --legacy URL     legacy's base URL for --crawl; default $LEGACY_URL
  --new URL        the new side's base URL for --crawl; default $NEW_FRONTEND_URL
  --concurrency N  pages fetched at once for --crawl; default 4
  --limit N        compare at most N URLs (--crawl); default all
${ADMIN_ENV_HELP}
exit: 0 shown (with --crawl: compared), 1 the admin API or a side failed, 2 bad arguments or environment`,
  run: runPlansParity,
};
