// The commands that talk to a running proxy share this: where its admin API is, its token, and what an
// admin API failure looks like to the user (exit 1, the call and the proxy's own message).
import { userInfo } from "node:os";
import { adminCliEnvSchema, describeEnvProblems, parseCliEnv } from "./cli-config.ts";
import { EXIT, stringValue, type CliIo, type CommandArgs } from "./command.ts";
import { createProxyAdminClient, ProxyAdminError, type ProxyAdminClient } from "./proxy-admin-client.ts";

export const ADMIN_OPTIONS = { admin: { type: "string" } } as const;

export const ADMIN_OPTION_HELP = "  --admin URL  the proxy's admin API; default http://127.0.0.1:$ADMIN_PORT (9090 when unset)";

export const ADMIN_ENV_HELP = `env:
  ADMIN_TOKEN  the proxy's ADMIN_TOKEN (required): the CLI sends it as the bearer token
  ADMIN_PORT   the proxy's admin port, read as the proxy reads it (used when --admin is not given)`;

/** The audit log's actor: STRANGLER_ACTOR, else the login name; percent-encoded (headers are ASCII). */
function readActor(env: Record<string, string | undefined>): string {
  let name = env.STRANGLER_ACTOR;
  if (!name) {
    try { name = userInfo().username; } catch { name = "unknown"; }
  }
  return encodeURIComponent(`cli:${name}`);
}

/** Runs `action` against the admin API named by --admin / ADMIN_PORT; bad env → 2, an API failure → 1. */
export async function withAdminClient(args: CommandArgs, io: CliIo, action: (client: ProxyAdminClient) => Promise<number>): Promise<number> {
  const env = parseCliEnv(adminCliEnvSchema, io.env, { "--admin": stringValue(args, "admin") });
  if (!env.success) {
    io.stderr(`strangler: bad environment:\n${describeEnvProblems(env.error)}`);
    return EXIT.usage;
  }
  try {
    const why = stringValue(args, "why");
    const headers = { "x-strangler-actor": readActor(io.env), ...(why ? { "x-strangler-why": encodeURIComponent(why) } : {}) };
    return await action(createProxyAdminClient(env.data.adminUrl, env.data.token, undefined, headers));
  } catch (error) {
    if (!(error instanceof ProxyAdminError)) throw error;
    io.stderr(`strangler: ${error.message}`);
    return EXIT.failed;
  }
}
