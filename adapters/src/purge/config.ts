// The purge endpoint's settings, validated once: from options (createPurgeHandler) or from the
// environment (bin/purge-server, loadPurgeEnv), both through the same schema.
// Defaults: loopback only and no token, because Magento cannot add a header to the PURGE it sends
// its Varnish hosts; a full flush (`.*`, what "Flush Magento Cache" sends) is allowed, because
// refusing it would leave every page stale until its TTL.
import { isIP } from "node:net";
import { z } from "zod";
import { AdapterConfigError } from "../errors.ts";

export const LOOPBACK_ADDRESSES = ["127.0.0.0/8", "::1"];

export interface PurgeConfig {
  /** IP addresses or CIDR blocks that may purge without a token. */
  allowedAddresses: string[];
  /** Shared secret accepted as `X-Purge-Token: <token>` or `Authorization: Bearer <token>`, from any address. */
  token?: string;
  /** Whether `X-Magento-Tags-Pattern: .*` (or POST `{ "all": true }`) drops everything. */
  allowFullFlush: boolean;
  /** How long one purge may walk keys before it answers 202 and finishes in the background. */
  budgetMs: number;
  /** Waits before each background retry of a purge that was partial or failed; then it gives up. */
  retryDelaysMs: number[];
  maxBodyBytes: number;
}

export type PurgeOptions = Partial<PurgeConfig>;

function isAddressOrCidr(value: string): boolean {
  const [address = "", prefix, extra] = value.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const address = z.string().superRefine((value, ctx) => {
  if (!isAddressOrCidr(value)) ctx.addIssue({ code: "custom", message: `"${value}" is not an IP address or CIDR block (e.g. 10.0.0.0/8, ::1)` });
});

const optionsSchema = z.object({
  allowedAddresses: z.array(address).default(LOOPBACK_ADDRESSES),
  token: z.string().min(16, "the purge token must be at least 16 characters").optional(),
  allowFullFlush: z.boolean().default(true),
  budgetMs: z.number().int().min(0).max(60_000).default(2000),
  retryDelaysMs: z.array(z.number().int().positive()).default([1000, 5000, 15_000, 60_000]),
  maxBodyBytes: z.number().int().positive().default(1_048_576),
}).refine((config) => config.allowedAddresses.length > 0 || config.token !== undefined, {
  message: "no address is allowed and no token is set, so nothing could purge",
  path: ["allowedAddresses"],
});

const ENV_NAMES: Record<string, string> = {
  allowedAddresses: "PURGE_ALLOWED_ADDRESSES",
  token: "PURGE_TOKEN",
  allowFullFlush: "PURGE_ALLOW_FULL_FLUSH",
  budgetMs: "PURGE_BUDGET_MS",
};

function fail(problems: z.ZodError["issues"], name: (key: string) => string, cause: unknown): never {
  const text = problems.map((issue) => `${name(String(issue.path[0] ?? "")) || "options"}: ${issue.message}`).join("; ");
  throw new AdapterConfigError(`Invalid purge settings: ${text}`, { cause });
}

export function parsePurgeOptions(options: PurgeOptions = {}): PurgeConfig {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) fail(parsed.error.issues, (key) => key, parsed.error);
  return parsed.data;
}

const flag = z.enum(["true", "false"], { message: "must be true or false" }).transform((value) => value === "true");
const envSchema = z.object({
  PURGE_ALLOWED_ADDRESSES: z.string().optional(),
  PURGE_TOKEN: z.string().optional(),
  PURGE_ALLOW_FULL_FLUSH: z.preprocess((value) => (value === "" ? undefined : value), flag.optional()),
  PURGE_BUDGET_MS: z.string().optional(),
});

/**
 * PURGE_ALLOWED_ADDRESSES (comma-separated IPs/CIDRs, default `127.0.0.0/8,::1`; empty = none),
 * PURGE_TOKEN (optional, ≥ 16 characters; empty = unset), PURGE_ALLOW_FULL_FLUSH (default true),
 * PURGE_BUDGET_MS (default 2000). Throws AdapterConfigError naming the variable.
 */
export function loadPurgeEnv(env: Record<string, string | undefined>): PurgeConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) fail(parsed.error.issues, (key) => key, parsed.error);
  const { PURGE_ALLOWED_ADDRESSES, PURGE_TOKEN, PURGE_ALLOW_FULL_FLUSH, PURGE_BUDGET_MS } = parsed.data;
  const options: PurgeOptions = {
    ...(PURGE_ALLOWED_ADDRESSES === undefined ? {} : { allowedAddresses: PURGE_ALLOWED_ADDRESSES.split(",").map((part) => part.trim()).filter(Boolean) }),
    ...(PURGE_TOKEN ? { token: PURGE_TOKEN } : {}),
    ...(PURGE_ALLOW_FULL_FLUSH === undefined ? {} : { allowFullFlush: PURGE_ALLOW_FULL_FLUSH }),
    ...(PURGE_BUDGET_MS ? { budgetMs: Number(PURGE_BUDGET_MS) } : {}),
  };
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) fail(checked.error.issues, (key) => ENV_NAMES[key] ?? key, checked.error);
  return checked.data;
}
