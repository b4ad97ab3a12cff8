// Builds the Next app when there is no production build, or when a source file is newer than the
// build (so tests and `npm start` never serve yesterday's pages). `next build` is slow on 2 cores:
// everything else reuses the build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export const frontendDir = join(import.meta.dirname, "..");
const rootDir = join(frontendDir, "..");
const sourceRoots = ["app", "lib", "components", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "../adapters/src"];

function findNewestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, findNewestMtime(join(path, entry)));
  return newest;
}

/** Why a build is needed, or undefined when the current one is up to date. */
export function findBuildReason(): string | undefined {
  const buildId = join(frontendDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  const builtAt = statSync(buildId).mtimeMs;
  const newest = Math.max(...sourceRoots.map((root) => findNewestMtime(join(frontendDir, root))));
  return newest > builtAt ? "sources changed since the last build" : undefined;
}

const lockDir = join(frontendDir, ".next-build.lock");

/** Several test runs may start at once: one builds, the others wait for it (a lock older than 10 min is stale). */
function acquireBuildLock(): boolean {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline;) {
    try {
      mkdirSync(lockDir);
      return true;
    } catch {
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 600_000) rmSync(lockDir, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  return false;
}

export interface EnsureBuildOptions {
  /** Show `next build`'s own progress lines as they come (npm start), instead of keeping them for the error. */
  showBuildOutput?: boolean;
}

/** Runs `next build` when needed; throws with the build's output when it fails. */
export function ensureBuild(log: (line: string) => void = console.log, options: EnsureBuildOptions = {}): void {
  if (!findBuildReason()) return;
  if (!acquireBuildLock()) throw new Error(`new-frontend: another build held ${lockDir} for 10 minutes`);
  try {
    buildIfNeeded(log, options.showBuildOutput === true);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function buildIfNeeded(log: (line: string) => void, showBuildOutput: boolean): void {
  // Checked again under the lock: whoever held it may have just built.
  const reason = findBuildReason();
  if (!reason) return;
  log(`new-frontend: building (${reason}); next build takes a minute or two on 2 cores ...`);
  const nextBin = join(rootDir, "node_modules", "next", "dist", "bin", "next");
  const run = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: frontendDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    encoding: "utf8",
    stdio: showBuildOutput ? ["ignore", "inherit", "inherit"] : "pipe",
  });
  if (run.status !== 0) {
    throw new Error(`next build failed (exit ${run.status})${showBuildOutput ? "; its output is above" : `:\n${run.stdout}\n${run.stderr}`}`);
  }
  log("new-frontend: build done");
}
