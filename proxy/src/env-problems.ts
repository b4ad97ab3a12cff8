// Env parsing shared by the proxy's schemas: an empty value counts as unset (twelve-factor tools agree,
// so `REDIS_URL=` in a compose file means "no Redis"), and a refused value is reported as what the
// variable expects, read from the field's description, never as zod's generic "Invalid input".
import type { z } from "zod";

/** Variables whose values are never echoed back in an error. */
const SECRET = /TOKEN|PASSWORD|SECRET|REDIS_URL|CRYPT_KEY/;

export function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== "") set[key] = value;
  return set;
}

/** One line per refused variable: `WORKERS must be a positive integer or "auto" (got "many")`. */
export function describeEnvIssues(schema: z.ZodObject, error: z.ZodError, env: Record<string, string | undefined>): string[] {
  const lines = new Set<string>();
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "(env)");
    const expected = (schema.shape[key] as z.ZodType | undefined)?.description;
    const value = env[key];
    const got = value === undefined ? "it is not set" : SECRET.test(key) ? "value not shown" : `got ${JSON.stringify(value)}`;
    // A custom check's own message says what exactly is wrong with the value; keep it after the value.
    const detail = issue.code === "custom" && issue.message !== "Invalid input" && !SECRET.test(key) ? `: ${issue.message}` : "";
    lines.add(expected === undefined ? `${key}: ${issue.message}` : `${key} must be ${expected} (${got}${detail})`);
  }
  return [...lines];
}
