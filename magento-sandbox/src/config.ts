import { z } from "zod";
import { ConfigError } from "./errors.ts";

/** Environment of `npm run sandbox`, parsed once at boot (nothing else reads process.env). */
export const sandboxEnvSchema = z.object({
  /** Port to listen on; default 8081. */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
  /** Interface to bind; default 127.0.0.1. */
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  /** Public base URL Magento believes it has (behind the proxy); default http://<host>:<port>/. */
  SANDBOX_BASE_URL: z.url().optional(),
  /** Luma sample-data directory; default magento-sandbox/data/sample-data. */
  SANDBOX_SAMPLE_DATA_DIR: z.string().min(1).optional(),
  /** Comma-separated cache hosts to PURGE on price changes (Magento's http_cache_hosts); default none. */
  SANDBOX_PURGE_URLS: z.string().optional().transform((value, ctx) => {
    const urls = (value ?? "").split(",").map((u) => u.trim()).filter((u) => u !== "");
    for (const url of urls) {
      if (!URL.canParse(url)) ctx.addIssue({ code: "custom", message: `"${url}" is not a URL` });
    }
    return urls;
  }),
});

export interface SandboxConfig {
  port: number;
  host: string;
  baseUrl?: string;
  sampleDataDir?: string;
  purgeUrls?: string[];
}

export function loadConfig(env: Record<string, string | undefined>): SandboxConfig {
  const parsed = sandboxEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ConfigError(`Invalid sandbox environment: ${problems}`);
  }
  const { SANDBOX_PORT, SANDBOX_HOST, SANDBOX_BASE_URL, SANDBOX_SAMPLE_DATA_DIR, SANDBOX_PURGE_URLS } = parsed.data;
  return {
    port: SANDBOX_PORT, host: SANDBOX_HOST,
    ...(SANDBOX_BASE_URL ? { baseUrl: SANDBOX_BASE_URL } : {}),
    ...(SANDBOX_SAMPLE_DATA_DIR ? { sampleDataDir: SANDBOX_SAMPLE_DATA_DIR } : {}),
    ...(SANDBOX_PURGE_URLS.length > 0 ? { purgeUrls: SANDBOX_PURGE_URLS } : {}),
  };
}
