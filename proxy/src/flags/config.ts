// The env the flags need, parsed once at the edge. The proxy merges `flagsEnvSchema.shape` into its own
// schema and hands the parsed values to `toFlagsConfig`.
import { redisUrlSchema } from "../redis/redis-client.ts";
import { z } from "zod";
import { FlagsError } from "./errors.ts";

const booleanString = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

export const flagsEnvSchema = z.object({
  /** Unleash base API URL, e.g. http://unleash:4242/api. Unset: the embedded local flag store decides. */
  UNLEASH_URL: z.url({ protocol: /^https?$/, error: "UNLEASH_URL must be an http(s) URL such as http://unleash:4242/api" }).optional()
    .describe("the Unleash API root, an http(s) URL such as http://unleash:4242/api"),
  /** Backend (client) token, sent as the Authorization header. Required with UNLEASH_URL. */
  UNLEASH_API_TOKEN: z.string().min(1).optional().describe("a backend token from Unleash > API access"),
  UNLEASH_APP_NAME: z.string().min(1).default("strangler-proxy").describe("a name for this application in Unleash"),
  /** Per fetch, in ms; default 3000. unleash-client's retry backoff starts at 1000 ms and refuses a shorter timeout. */
  UNLEASH_TIMEOUT_MS: z.coerce.number().int().min(1000, "UNLEASH_TIMEOUT_MS must be at least 1000 (ms)").max(60_000).default(3000)
    .describe("a whole number of milliseconds from 1000 to 60000"),
  /** Send usage metrics to Unleash; default true. */
  UNLEASH_METRICS: booleanString.default(true).describe('"true", "false", "1" or "0"'),
  /** How often flags are re-read (Unleash polling, local file), in ms; default 5000, at most 10000. */
  FLAG_REFRESH_MS: z.coerce
    .number()
    .int()
    .min(50, "FLAG_REFRESH_MS must be at least 50 (ms)")
    .max(10_000, "FLAG_REFRESH_MS must be at most 10000 (ms): a flag change must apply within 10 s")
    .default(5000)
    .describe("a whole number of milliseconds from 50 to 10000 (a flag change must apply within 10 s)"),
  /** Local flag store and saved Unleash state; default ./var/flags. */
  FLAG_STATE_DIR: z.string().min(1).default("./var/flags").describe("a directory for the flag state"),
  /** When set, the saved Unleash state goes to Redis (shared by instances) instead of FLAG_STATE_DIR. */
  REDIS_URL: redisUrlSchema,
  FLAG_REDIS_PREFIX: z.string().default("strangler:flags:").describe("a Redis key prefix"),
});

export type FlagsEnv = z.infer<typeof flagsEnvSchema>;

export interface UnleashConfig {
  url: string;
  apiToken: string;
  appName: string;
  timeoutMs: number;
  metrics: boolean;
}

export interface FlagsConfig {
  /** Undefined: the local store decides. */
  unleash?: UnleashConfig;
  refreshMs: number;
  stateDir: string;
  redisUrl?: string;
  redisKeyPrefix: string;
}

const TOKEN_REQUIRED = "UNLEASH_API_TOKEN is required when UNLEASH_URL is set (a backend token from Unleash > API access)";

/** Throws when UNLEASH_URL comes without UNLEASH_API_TOKEN (the one check a single field cannot make). */
export function toFlagsConfig(env: FlagsEnv): FlagsConfig {
  if (env.UNLEASH_URL && !env.UNLEASH_API_TOKEN) throw new FlagsError("FLAGS_CONFIG", TOKEN_REQUIRED);
  const config: FlagsConfig = {
    refreshMs: env.FLAG_REFRESH_MS,
    stateDir: env.FLAG_STATE_DIR,
    redisKeyPrefix: env.FLAG_REDIS_PREFIX,
  };
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (env.UNLEASH_URL) {
    config.unleash = {
      url: env.UNLEASH_URL,
      apiToken: env.UNLEASH_API_TOKEN!,
      appName: env.UNLEASH_APP_NAME,
      timeoutMs: env.UNLEASH_TIMEOUT_MS,
      metrics: env.UNLEASH_METRICS,
    };
  }
  return config;
}

/** Parses the env and checks what one field cannot: a token must come with UNLEASH_URL. */
export function parseFlagsEnv(env: Record<string, string | undefined>): FlagsConfig {
  const parsed = flagsEnvSchema
    .refine((value) => !value.UNLEASH_URL || value.UNLEASH_API_TOKEN, { path: ["UNLEASH_API_TOKEN"], message: TOKEN_REQUIRED })
    .parse(env);
  return toFlagsConfig(parsed);
}
