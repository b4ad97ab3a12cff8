// Cores for the benches: servers on core 0, load generators (wrk, Chromium) on the last core, with
// taskset when there are two cores or more (BENCH_PIN=0 turns it off). CPU time comes from /proc.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

export const PINNED = existsSync("/usr/bin/taskset") && availableParallelism() >= 2 && process.env.BENCH_PIN !== "0";
export const SERVER_CPU = "0";
export const LOAD_CPU = String(availableParallelism() - 1);
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim() || 100);

/** Pins a running process and all its threads. */
export function pinProcess(pid: number, cpu: string): void {
  if (PINNED) spawnSync("/usr/bin/taskset", ["-a", "-p", "-c", cpu, String(pid)], { stdio: "ignore" });
}

/** `command args` run on `cpu` when pinning is possible. */
export function pinned(cpu: string, command: string, args: string[]): [string, string[]] {
  return PINNED ? ["/usr/bin/taskset", ["-c", cpu, command, ...args]] : [command, args];
}

/** User + system CPU microseconds so far of a process, its threads and its child processes (/proc). */
export function cpuMicros(pid: number): number {
  let ticks = 0;
  const children: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return (ticks * 1_000_000) / CLOCK_TICKS + children.reduce((sum, child) => sum + cpuMicros(child), 0);
}
