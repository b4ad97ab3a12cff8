// The new frontend's settings, parsed once from the environment by a schema. Nothing else reads process.env.
import { z } from "zod";
import { FrontendConfigError } from "./errors.ts";

const envSchema = z.object({
  MAGENTO_URL: z.url({ message: "MAGENTO_URL must be the legacy Magento base URL, e.g. http://127.0.0.1:8081" }),
  /** The proxy's public URL: canonical links and JSON-LD point there, never at this server. */
  PUBLIC_URL: z.url({ message: "PUBLIC_URL must be the shop's public URL, e.g. http://127.0.0.1:8080" }).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://").optional(),
  /** Namespace of the adapters' Redis keys; every process sharing a cache (frontend, purge) must use the same one. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,100}$/, "REDIS_KEY_PREFIX may hold letters, digits and : _ . -").optional(),
  /** Shared secret the adapters' purge sends to /api/revalidate. Without it the route refuses every call. */
  REVALIDATE_TOKEN: z.string().min(16, "REVALIDATE_TOKEN must be at least 16 characters").optional(),
  STORE_CODE: z.string().regex(/^[a-z0-9_]+$/, "STORE_CODE must be a Magento store code like `default`").default("default"),
});

export interface FrontendConfig {
  magentoUrl: string;
  publicUrl: string;
  redisUrl?: string;
  redisKeyPrefix?: string;
  revalidateToken?: string;
  storeCode: string;
}

export function parseFrontendConfig(env: Record<string, string | undefined>): FrontendConfig {
  // An empty variable means unset (`REDIS_URL=` switches Redis off).
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new FrontendConfigError(`Invalid new-frontend environment: ${problems.join("; ")}`, { cause: parsed.error });
  }
  const { MAGENTO_URL, PUBLIC_URL, REDIS_URL, REDIS_KEY_PREFIX, REVALIDATE_TOKEN, STORE_CODE } = parsed.data;
  return {
    magentoUrl: MAGENTO_URL.replace(/\/+$/, ""),
    publicUrl: (PUBLIC_URL ?? MAGENTO_URL).replace(/\/+$/, ""),
    ...(REDIS_URL ? { redisUrl: REDIS_URL } : {}),
    ...(REDIS_KEY_PREFIX ? { redisKeyPrefix: REDIS_KEY_PREFIX } : {}),
    ...(REVALIDATE_TOKEN ? { revalidateToken: REVALIDATE_TOKEN } : {}),
    storeCode: STORE_CODE,
  };
}

let cached: FrontendConfig | undefined;

/** The process's config, parsed on first use (not at import, so `next build` needs no Magento). */
export function getFrontendConfig(): FrontendConfig {
  cached ??= parseFrontendConfig(process.env);
  return cached;
}
