// Bench processes pinned to cores with taskset (the proxies on core 0, the upstream and the load generators
// on the last core), their readiness over IPC, and what /proc says about them: CPU time and RSS.
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

const here = import.meta.dirname;
export const PINNED = existsSync("/usr/bin/taskset") && availableParallelism() >= 2 && process.env.BENCH_PIN !== "0";
export const PROXY_CPU = "0";
export const LOAD_CPU = String(availableParallelism() - 1);
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim() || 100);

export interface Started { child: ChildProcess; message: Record<string, unknown> }

/** Runs `command args` on `cpu` (when pinning is possible). */
export function pinned(cpu: string, command: string, args: string[]): [string, string[]] {
  return PINNED ? ["/usr/bin/taskset", ["-c", cpu, command, ...args]] : [command, args];
}

/** Starts a bench script (`*.ts` here) on `cpu` and waits for its first IPC message. */
export function startScript(file: string, args: string[], cpu: string): Promise<Started> {
  // http-proxy (the bare row) warns about util._extend on every start; that is its noise, not the bench's.
  const [command, argv] = pinned(cpu, process.execPath, ["--no-deprecation", join(here, file), ...args]);
  const child = spawn(command, argv, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, message: message as Record<string, unknown> }));
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** User + system CPU microseconds the process has used so far (/proc/<pid>/stat, clock ticks). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS;
}

/** Resident set size in KiB (/proc/<pid>/status VmRSS). */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : NaN;
}

export function hasWrk(): boolean {
  return spawnSync("wrk", ["--version"]).error === undefined;
}
