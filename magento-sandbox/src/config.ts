import { z } from "zod";
import { ConfigError } from "./errors.ts";
import { STORE_CODES } from "./store-views.ts";

/** Environment of `npm run sandbox`, parsed once at boot (nothing else reads process.env). */
export const sandboxEnvSchema = z.object({
  /** Port to listen on; default 8081. */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(8081).describe("a port number from 0 to 65535"),
  /** Interface to bind; default 127.0.0.1. */
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1").describe("an address to bind, such as 127.0.0.1"),
  /** Public base URL Magento believes it has (behind the proxy); default http://<host>:<port>/. */
  SANDBOX_BASE_URL: z.url().optional().describe("an absolute URL, such as http://127.0.0.1:8080/"),
  /** Luma sample-data directory; default magento-sandbox/data/sample-data. */
  SANDBOX_SAMPLE_DATA_DIR: z.string().min(1).optional().describe("a directory of Luma sample-data CSVs"),
  /** Comma-separated cache hosts to PURGE on price changes (Magento's http_cache_hosts); default none. */
  SANDBOX_PURGE_URLS: z.string().optional().transform((value, ctx) => {
    const urls = (value ?? "").split(",").map((u) => u.trim()).filter((u) => u !== "");
    for (const url of urls) {
      if (!URL.canParse(url)) ctx.addIssue({ code: "custom", message: `"${url}" is not a URL` });
    }
    return urls;
  }).describe("a comma-separated list of URLs, such as http://127.0.0.1:8082/"),
  /** Store views' base URLs, `code=url` comma-separated (stores: default, fr); default fr = base URL + "fr/". */
  SANDBOX_STORE_URLS: z.string().optional().transform((value, ctx) => {
    const urls: Record<string, string> = {};
    for (const pair of (value ?? "").split(",").map((p) => p.trim()).filter((p) => p !== "")) {
      const [code = "", url = ""] = pair.split(/=(.*)/s);
      if (!STORE_CODES.includes(code)) ctx.addIssue({ code: "custom", message: `"${code}" is not a store code` });
      else if (!URL.canParse(url)) ctx.addIssue({ code: "custom", message: `"${url}" is not a URL` });
      else urls[code] = url;
    }
    return urls;
  }).describe("a comma-separated list of store=URL pairs for the stores default and fr, such as fr=http://fr.shop.test/"),
  /** The deployment's crypt key (env.php crypt/key), which salts X-Magento-Vary; default DEFAULT_CRYPT_KEY. */
  SANDBOX_CRYPT_KEY: z.string().min(16).optional().describe("at least 16 characters, like Magento's crypt/key"),
});

export interface SandboxConfig {
  port: number;
  host: string;
  baseUrl?: string;
  sampleDataDir?: string;
  purgeUrls?: string[];
  cryptKey?: string;
  storeUrls?: Record<string, string>;
}

/** An empty variable counts as unset; a refused one says what it expects. */
export function loadConfig(rawEnv: Record<string, string | undefined>): SandboxConfig {
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = sandboxEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof sandboxEnvSchema.shape;
      const got = key === "SANDBOX_CRYPT_KEY" ? "value not shown" : `got ${JSON.stringify(env[key])}`;
      return `${key} must be ${sandboxEnvSchema.shape[key].description} (${got})`;
    }))].join("; ");
    throw new ConfigError(`Invalid sandbox environment: ${problems}`);
  }
  const { SANDBOX_PORT, SANDBOX_HOST, SANDBOX_BASE_URL, SANDBOX_SAMPLE_DATA_DIR, SANDBOX_PURGE_URLS, SANDBOX_CRYPT_KEY, SANDBOX_STORE_URLS } = parsed.data;
  return {
    port: SANDBOX_PORT, host: SANDBOX_HOST,
    ...(SANDBOX_BASE_URL ? { baseUrl: SANDBOX_BASE_URL } : {}),
    ...(SANDBOX_SAMPLE_DATA_DIR ? { sampleDataDir: SANDBOX_SAMPLE_DATA_DIR } : {}),
    ...(SANDBOX_PURGE_URLS.length > 0 ? { purgeUrls: SANDBOX_PURGE_URLS } : {}),
    ...(SANDBOX_CRYPT_KEY ? { cryptKey: SANDBOX_CRYPT_KEY } : {}),
    ...(Object.keys(SANDBOX_STORE_URLS).length > 0 ? { storeUrls: SANDBOX_STORE_URLS } : {}),
  };
}
