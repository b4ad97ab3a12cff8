// The CLI's env, parsed once. UNLEASH_URL is the same API root the proxy's client uses (…/api).
import { z } from "zod";

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

export function describeEnvProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
}

/** Upstream names a plan may target: the two built in plus one per UPSTREAM_<NAME>_URL, as the proxy knows them. */
export function readKnownTargets(env: Record<string, string | undefined>): string[] {
  const extra = Object.keys(env)
    .map((key) => /^UPSTREAM_([A-Z0-9_]+)_URL$/.exec(key)?.[1])
    .filter((name): name is string => name !== undefined)
    .map((name) => name.toLowerCase().replaceAll("_", "-"));
  return ["legacy", "new-frontend", ...extra];
}
