// The CLI's env, parsed once per command. An empty value counts as unset, as in the proxy's own config.
// UNLEASH_URL is the same API root the proxy's client uses (…/api).
import { z } from "zod";
import { withoutEmptyValues } from "../env-problems.ts";

export const cliEnvSchema = z.object({
  UNLEASH_URL: z.url({ protocol: /^https?$/, error: "required: the Unleash API root, e.g. http://unleash:4242/api" }),
  UNLEASH_ADMIN_TOKEN: z
    .string({ error: "required: an admin API token or a personal access token" })
    .min(1, "required: an admin API token or a personal access token"),
  UNLEASH_PROJECT: z.string().min(1).default("default"),
  /** Comma-separated; default development. */
  UNLEASH_ENVIRONMENT: z
    .string()
    .default("development")
    .transform((value) => value.split(",").map((name) => name.trim()).filter(Boolean)),
  PLANS_DIR: z.string().min(1).default("./plans"),
});

export type CliConfig = z.output<typeof cliEnvSchema>;

/** What the commands that talk to a running proxy's admin API need: where it is and its token. */
export const adminCliEnvSchema = z
  .object({
    ADMIN_TOKEN: z.string({ error: "required: the proxy's ADMIN_TOKEN (the admin API wants it as a bearer token)" }),
    ADMIN_PORT: z.coerce.number({ error: "must be a port number from 1 to 65535" }).int().min(1).max(65535).default(9090),
    "--admin": z.url({ protocol: /^https?$/, error: "must be the admin API's http(s) URL, e.g. http://127.0.0.1:9090" }).optional(),
  })
  .transform((env) => ({ token: env.ADMIN_TOKEN, adminUrl: env["--admin"] ?? `http://127.0.0.1:${env.ADMIN_PORT}` }));

export type AdminCliConfig = z.output<typeof adminCliEnvSchema>;

/** Parses `env` (empty values dropped) merged with `overrides`, which win. */
export function parseCliEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): z.ZodSafeParseResult<z.output<T>> {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return schema.safeParse({ ...withoutEmptyValues(env), ...defined }) as z.ZodSafeParseResult<z.output<T>>;
}

export function describeEnvProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
}

/**
 * Upstream names a plan may target: legacy and new-frontend, one per UPSTREAM_<NAME>_URL that is set
 * (UPSTREAM_SEARCH_SERVICE_URL → search-service, as the proxy names it), and any `extra` names.
 */
export function readKnownTargets(env: Record<string, string | undefined>, extra: readonly string[] = []): string[] {
  const fromEnv = Object.entries(withoutEmptyValues(env))
    .map(([key]) => /^UPSTREAM_([A-Z0-9_]+)_URL$/.exec(key)?.[1])
    .filter((name): name is string => name !== undefined)
    .map((name) => name.toLowerCase().replaceAll("_", "-"));
  return [...new Set(["legacy", "new-frontend", ...fromEnv, ...extra])];
}
