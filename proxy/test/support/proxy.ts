// Starts a real proxy on port 0 in front of test upstreams, with a silent logger and injectable parts.
import { mkdtemp, rm, writeFile, rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createProxy, loadConfig } from "../../src/index.ts";
import type { ProxyDeps, RunningProxy } from "../../src/index.ts";
import { createPlanRolloutProvider } from "../../src/routing/plan-rollout-provider.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestProxyOptions {
  legacy: string;
  newFrontend?: string;
  plansDir?: string;
  env?: Record<string, string>;
  deps?: ProxyDeps;
}

export async function startTestProxy(options: TestProxyOptions): Promise<RunningProxy> {
  const env: Record<string, string> = {
    PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, LEGACY_URL: options.legacy, LOG_LEVEL: "silent",
    ...(options.newFrontend ? { NEW_FRONTEND_URL: options.newFrontend } : {}),
    ...(options.plansDir ? { PLANS_DIR: options.plansDir } : {}),
    ...options.env,
  };
  return createProxy(loadConfig(env), {
    logger: pino({ level: "silent" }),
    flagProvider: createPlanRolloutProvider(),
    defaultMetrics: false,
    plansDebounceMs: 50,
    ...options.deps,
  });
}

/** A plan file's YAML; `match` is written as given. */
export function planYaml(id: string, match: string, extra = "", target = "new-frontend"): string {
  return `id: ${id}\ntarget: ${target}\nmatch:\n${match}\nrollout: { percentage: 100, stickiness: sessionId }\n${extra}`;
}

export interface PlansDir {
  dir: string;
  /** Atomic write (temp file + rename), like an editor's save. */
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function createPlansDir(files: Record<string, string>): Promise<PlansDir> {
  const dir = await mkdtemp(join(tmpdir(), "strangler-plans-"));
  const write = async (file: string, text: string) => {
    const temp = join(dir, `.${file}.tmp`);
    await writeFile(temp, text);
    await rename(temp, join(dir, file));
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Plans from YAML texts through the plans package's own checks (throws on problems). */
export async function plansFromYaml(files: Record<string, string>, knownTargets = ["legacy", "new-frontend", "search"]) {
  const { checkPlanTexts, formatProblems } = await import("@strangler/migration-plans");
  const result = checkPlanTexts(Object.entries(files).map(([file, text]) => ({ file, text })), { knownTargets });
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.plans;
}
