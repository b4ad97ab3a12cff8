// The rollout controller's env, part of the proxy's schema (config.ts spreads it in) and read by
// `strangler rollout run`. The controller needs REDIS_URL (lease, ramp state); without it, it stays off.
import { z } from "zod";

export const rolloutEnvSchema = z.object({
  /** off: this process answers /rollout and takes commands but never leads (run `strangler rollout run` instead). */
  ROLLOUT_CONTROLLER: z.enum(["on", "off"]).default("on").describe('"on" (ramp plans with rollout.steps; needs REDIS_URL) or "off"'),
  /** How often the controller renews its lease and looks at each ramp, in ms; default 1000. */
  ROLLOUT_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000).describe("a whole number of milliseconds from 50 to 60000"),
  /** How long a leader's lease lives unrenewed, in ms; another instance takes over after it. Default 10000. */
  ROLLOUT_LEASE_MS: z.coerce.number().int().min(200).max(300_000).default(10_000).describe("a whole number of milliseconds from 200 to 300000"),
  // One hash tag for every rollout key: the fenced write (ramp state + lease) and the lease (key + fence)
  // are multi-key scripts, which a Redis Cluster runs only within one slot.
  ROLLOUT_REDIS_PREFIX: z.string().min(1).default("{strangler:rollout}:").describe("a Redis key prefix (keep it one hash tag, e.g. {shop:rollout}:, on a Redis Cluster)"),
  PROMETHEUS_URL: z.url({ protocol: /^https?$/ }).optional().describe("the Prometheus base URL, e.g. http://prometheus:9090 (prometheus guardrails)"),
  /** Unleash mode: the controller writes the plan's toggle through the Admin API with this token. */
  UNLEASH_ADMIN_TOKEN: z.string().min(1).optional().describe("an Unleash admin API token or personal access token"),
  UNLEASH_PROJECT: z.string().min(1).default("default").describe("an Unleash project id"),
  UNLEASH_ENVIRONMENT: z.string().default("development").transform((value) => value.split(",").map((name) => name.trim()).filter(Boolean))
    .describe("a comma-separated list of Unleash environments"),
});

export type RolloutEnv = z.output<typeof rolloutEnvSchema>;
