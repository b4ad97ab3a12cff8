// A real proxy on port 0 with the real local flag store, in front of two upstreams that answer their
// names ("legacy", "new"), for the CLI commands that talk to a running proxy's admin API.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createFlagProvider, flagsEnvSchema, toFlagsConfig } from "../../../src/flags/index.ts";
import type { RunningProxy } from "../../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, startTestProxy, type PlansDir } from "../../support/proxy.ts";
import { startNamedUpstream } from "../../flags/support/upstreams.ts";

export interface CliProxy {
  proxy: RunningProxy;
  plans: PlansDir;
  /** The env the CLI needs to find this proxy's admin API: its token and its port. */
  env: { ADMIN_TOKEN: string; ADMIN_PORT: string };
  close(): Promise<void>;
}

/** `env`: extra proxy env, such as REDIS_URL. */
export async function startCliProxy(planFiles: Record<string, string>, env: Record<string, string> = {}): Promise<CliProxy> {
  const [legacy, next] = [await startNamedUpstream("legacy"), await startNamedUpstream("new")];
  const plans = await createPlansDir(planFiles);
  const stateDir = await mkdtemp(join(tmpdir(), "strangler-cli-flags-"));
  const flagsConfig = toFlagsConfig(flagsEnvSchema.parse({ FLAG_STATE_DIR: stateDir, FLAG_REFRESH_MS: "100" }));
  const flagProvider = await createFlagProvider(flagsConfig, { logger: pino({ level: "silent" }) });
  const proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, env, deps: { flagProvider } });
  return {
    proxy,
    plans,
    env: { ADMIN_TOKEN, ADMIN_PORT: new URL(proxy.adminUrl).port },
    async close() {
      await proxy.close();
      await flagProvider.close();
      await Promise.all([legacy.close(), next.close(), plans.remove(), rm(stateDir, { recursive: true, force: true })]);
    },
  };
}
