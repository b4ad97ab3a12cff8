// Wires the controller for a proxy (app.ts) or for `strangler rollout run`: its own Redis connection,
// the lease, the ramp store, the flag writer Unleash or local, the metrics, and a tick timer that never
// overlaps itself. close() stops ticking and hands the lease back so another instance takes over at once.
import { hostname } from "node:os";
import { createRedisClient } from "../redis/redis-client.ts";
import type { Logger } from "pino";
import { Counter, Gauge, type Registry } from "prom-client";
import type { Plan } from "@strangler/migration-plans";
import type { AuditLog } from "../admin/audit-log.ts";
import { createUnleashAdminClient } from "../cli/unleash-admin-client.ts";
import type { FlagProvider, ManagedFlagProvider } from "../flags/types.ts";
import type { TrafficStats } from "../stats/traffic-stats.ts";
import type { RolloutEnv } from "./config.ts";
import { createLocalFlagWriter, createUnleashFlagWriter, type FlagWriter } from "./flag-writer.ts";
import { createLease } from "./lease.ts";
import type { ParitySource } from "./parity-source.ts";
import { createPrometheusSource } from "./prometheus-source.ts";
import { createRampStore } from "./ramp-store.ts";
import { createRolloutController, type RolloutController } from "./rollout-controller.ts";
import { createRolloutService, type RolloutService } from "./rollout-service.ts";

export interface RolloutOptions {
  env: RolloutEnv & { REDIS_URL?: string | undefined; UNLEASH_URL?: string | undefined };
  provider: FlagProvider;
  getPlans(): readonly Plan[];
  stats: TrafficStats;
  audit: AuditLog;
  logger: Logger;
  registry?: Registry | undefined;
  parity?: ParitySource | undefined;
  /** Names this instance in the lease; default host:pid:random. */
  owner?: string;
  now?: () => number;
}

export interface RolloutRuntime {
  service: RolloutService;
  controller: RolloutController;
  close(): Promise<void>;
}

/**
 * Undefined (after logging why) when the rollout cannot work here: no Redis, or Unleash without an admin
 * token. ROLLOUT_CONTROLLER=off keeps the admin side (status, commands) and never ticks.
 */
export async function startRollout(options: RolloutOptions): Promise<RolloutRuntime | undefined> {
  const { env, logger } = options;
  if (env.REDIS_URL === undefined) {
    if (options.getPlans().some((plan) => plan.rollout.ramp)) logger.warn("plans have rollout.steps but REDIS_URL is unset: the rollout controller needs Redis (lease, ramp state) and is off");
    return undefined;
  }
  const flags = chooseFlagWriter(options);
  if (!flags) return undefined;
  const redis = createRedisClient(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 2_000 });
  redis.on("error", (error: unknown) => logger.debug({ err: error }, "redis for the rollout controller unavailable"));
  const leaseKey = `${env.ROLLOUT_REDIS_PREFIX}lease`;
  const lease = createLease({ redis, key: leaseKey, owner: options.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`, ttlMs: env.ROLLOUT_LEASE_MS });
  const store = createRampStore(redis, env.ROLLOUT_REDIS_PREFIX, leaseKey);
  const metrics = options.registry ? createRolloutMetrics(options.registry) : undefined;
  const controller = createRolloutController({
    lease, store, flags, stats: options.stats, audit: options.audit, logger, getPlans: options.getPlans, parity: options.parity,
    prometheus: env.PROMETHEUS_URL ? createPrometheusSource(env.PROMETHEUS_URL) : undefined, now: options.now,
    onDecision: (decision) => metrics?.decisions.inc({ plan: decision.plan, action: decision.action }),
    onFlagWritten: (plan, percent) => metrics?.step.set({ plan }, percent),
  });
  const service = createRolloutService({ store, audit: options.audit, controller, getPlans: options.getPlans, readLeader: () => redis.get(leaseKey), now: options.now });
  let running: Promise<void> | undefined;
  // Off: this instance answers /rollout and takes operator commands, but never leads (`strangler rollout run` does).
  const timer = env.ROLLOUT_CONTROLLER === "off" ? undefined
    : setInterval(() => { running ??= controller.tick().finally(() => { running = undefined; }); }, env.ROLLOUT_TICK_MS);
  timer?.unref();
  return {
    service, controller,
    async close() {
      clearInterval(timer);
      await running;
      await lease.release().catch(() => undefined);
      redis.disconnect();
    },
  };
}

function chooseFlagWriter(options: RolloutOptions): FlagWriter | undefined {
  const { env, logger } = options;
  if (env.UNLEASH_URL !== undefined) {
    if (env.UNLEASH_ADMIN_TOKEN === undefined) {
      logger.warn("UNLEASH_URL is set without UNLEASH_ADMIN_TOKEN: the rollout controller cannot move flags in Unleash and is off");
      return undefined;
    }
    return createUnleashFlagWriter(createUnleashAdminClient(env.UNLEASH_URL, env.UNLEASH_ADMIN_TOKEN), { project: env.UNLEASH_PROJECT, environments: env.UNLEASH_ENVIRONMENT });
  }
  const provider = options.provider as Partial<ManagedFlagProvider>;
  if (provider.mode !== "local" || typeof provider.setFlag !== "function") {
    logger.warn("the flag provider is not the local store: the rollout controller has nowhere to write and is off");
    return undefined;
  }
  return createLocalFlagWriter(provider as ManagedFlagProvider);
}

function createRolloutMetrics(registry: Registry) {
  const registers = [registry];
  return {
    step: new Gauge({ name: "strangler_rollout_step_percent", help: "The ramp's current step, percent of shoppers on the new side", labelNames: ["plan"], registers }),
    decisions: new Counter({ name: "strangler_rollout_decisions_total", help: "Rollout controller decisions by action", labelNames: ["plan", "action"], registers }),
  };
}
