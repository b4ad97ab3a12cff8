// `strangler rollout run`: the rollout controller in its own process, for deployments that run the proxies
// with ROLLOUT_CONTROLLER=off (or want it apart). Same lease, ramp state, traffic stats and audit log in
// Redis as the proxies, the same plans and flag store; runs until SIGTERM or SIGINT.
import { pino } from "pino";
import { Redis } from "ioredis";
import { z } from "zod";
import { createAuditLog } from "../admin/audit-log.ts";
import { createFlagProvider, flagsEnvSchema, toFlagsConfig } from "../flags/index.ts";
import { createPlanState, type PlanState } from "../plans/plan-state.ts";
import { rolloutEnvSchema } from "../rollout/config.ts";
import { startRollout } from "../rollout/start-rollout.ts";
import { createRedisTrafficStats } from "../stats/redis-traffic-stats.ts";
import { describeEnvProblems, parseCliEnv, readKnownTargets } from "./cli-config.ts";
import { EXIT, type CliIo, type CommandArgs, type CommandSpec } from "./command.ts";

const runEnvSchema = flagsEnvSchema.extend(rolloutEnvSchema.shape).extend({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "required: the proxies' REDIS_URL (lease, ramp state, traffic stats)" }),
  PLANS_DIR: z.string().min(1).default("./plans"),
  STATS_REDIS_PREFIX: z.string().min(1).default("strangler:stats:"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

async function runRollout(_args: CommandArgs, io: CliIo, stop: Promise<unknown> = waitForSignal()): Promise<number> {
  const parsed = parseCliEnv(runEnvSchema, io.env, { ROLLOUT_CONTROLLER: "on" });
  if (!parsed.success) {
    io.stderr(`strangler: bad environment:\n${describeEnvProblems(parsed.error)}`);
    return EXIT.usage;
  }
  const env = parsed.data;
  const logger = pino({ level: env.LOG_LEVEL });
  let plans: PlanState;
  try {
    plans = await createPlanState({ dir: env.PLANS_DIR, knownTargets: readKnownTargets(io.env), logger });
  } catch (error) {
    io.stderr(`strangler: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
  const provider = await createFlagProvider(toFlagsConfig(env), { logger: logger.child({ component: "flags" }) });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 2_000 });
  redis.on("error", (error: unknown) => logger.debug({ err: error }, "redis unavailable"));
  const stats = createRedisTrafficStats({ redis, keyPrefix: env.STATS_REDIS_PREFIX, logger });
  const audit = createAuditLog({ logger: logger.child({ component: "audit" }), redis, keyPrefix: env.STATS_REDIS_PREFIX });
  const rollout = await startRollout({ env, provider, getPlans: () => plans.getTable().plans, stats, audit, logger: logger.child({ component: "rollout" }) });
  if (rollout) {
    logger.info({ plans: plans.getTable().plans.filter((plan) => plan.rollout.ramp).map((plan) => plan.id) }, "rollout controller running");
    await stop;
    await rollout.close();
  }
  await stats.close();
  await provider.close();
  await plans.close();
  redis.disconnect();
  return rollout ? EXIT.ok : EXIT.failed;
}

function waitForSignal(): Promise<unknown> {
  return new Promise((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
}

export const rolloutRunCommand: CommandSpec = {
  name: "rollout run",
  synopsis: "",
  summary: "the rollout controller in its own process",
  positionals: [],
  options: {},
  help: `Runs the rollout controller until SIGTERM or SIGINT: it takes the lease in Redis (one leader among
every proxy and every \`rollout run\`), judges each ramping plan's guardrails and moves its flag.
Run the proxies with ROLLOUT_CONTROLLER=off so only this process leads (they still answer /rollout).

env: REDIS_URL (required), PLANS_DIR, FLAG_STATE_DIR (local flags) or UNLEASH_URL + UNLEASH_API_TOKEN +
UNLEASH_ADMIN_TOKEN (Unleash), UNLEASH_PROJECT, UNLEASH_ENVIRONMENT, STATS_REDIS_PREFIX, ROLLOUT_REDIS_PREFIX,
ROLLOUT_TICK_MS, ROLLOUT_LEASE_MS, PROMETHEUS_URL, LOG_LEVEL: as the proxy reads them
exit: 0 stopped, 1 the controller cannot run (the log says why), 2 bad arguments or environment`,
  run: (args, io) => runRollout(args, io),
};
