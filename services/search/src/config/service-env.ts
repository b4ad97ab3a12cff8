// The process's settings, from the environment, parsed once here (main.ts is the only caller).
// An empty variable counts as unset; a bad one stops the start with a message saying what it expects.
import { z } from "zod";
import { SearchConfigError } from "../errors.ts";
import { DEFAULT_RELEVANCE_FILE } from "./relevance-config.ts";

const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);
const redisUrl = z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://");

const envSchema = z.object({
  MAGENTO_URL: z.url({ message: "must be Magento's base URL, e.g. http://127.0.0.1:8081" }),
  SEARCH_PORT: unsetWhenEmpty(z.coerce.number().int().min(0).max(65535).default(8090)),
  SEARCH_HOST: unsetWhenEmpty(z.string().default("127.0.0.1")),
  SEARCH_ENGINE: unsetWhenEmpty(z.enum(["orama", "postgres"], { message: "must be orama or postgres" }).default("orama")),
  DATABASE_URL: unsetWhenEmpty(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").default("postgres://postgres@127.0.0.1:5432/postgres")),
  SEARCH_PG_SCHEMA: unsetWhenEmpty(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a schema name (lower-case letters, digits, _)").default("strangler_search")),
  REDIS_URL: unsetWhenEmpty(redisUrl.optional()),
  PURGE_CHANNEL: unsetWhenEmpty(z.string().regex(/^[A-Za-z0-9:_.-]{1,200}$/, "may hold letters, digits and : _ . -").default("strangler:purge")),
  SEARCH_CONFIG: unsetWhenEmpty(z.string().default(DEFAULT_RELEVANCE_FILE)),
  SEARCH_STORE: unsetWhenEmpty(z.string().regex(/^[a-z0-9_]+$/, "must be a store code like default").default("default")),
});

export interface ServiceEnv {
  magentoUrl: string;
  port: number;
  host: string;
  engine: "orama" | "postgres";
  databaseUrl: string;
  pgSchema: string;
  redisUrl?: string;
  purgeChannel: string;
  configFile: string;
  store: string;
}

/** Throws SearchConfigError naming every bad variable, e.g. `SEARCH_ENGINE: must be orama or postgres`. */
export function loadServiceEnv(env: Record<string, string | undefined>): ServiceEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new SearchConfigError(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, { cause: parsed.error });
  }
  const e = parsed.data;
  return {
    magentoUrl: e.MAGENTO_URL, port: e.SEARCH_PORT, host: e.SEARCH_HOST, engine: e.SEARCH_ENGINE, databaseUrl: e.DATABASE_URL,
    pgSchema: e.SEARCH_PG_SCHEMA, ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}), purgeChannel: e.PURGE_CHANNEL, configFile: e.SEARCH_CONFIG, store: e.SEARCH_STORE,
  };
}
