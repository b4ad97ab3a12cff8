// One scenario, one round: wrk's closed-loop req/s with the proxy's CPU time per request (from /proc), then
// the open-loop latency at a fixed rate. And the arithmetic for the report: medians and percentiles.
import { fork, spawnSync } from "node:child_process";
import { join } from "node:path";
import type { OpenLoopOptions, OpenLoopResult } from "./open-loop.ts";
import { cpuMicros, LOAD_CPU, PINNED } from "./processes.ts";
import { BENCH_COOKIE, runWrk } from "./wrk.ts";
import type { PostBody } from "./wrk.ts";

/** p50/p99 from due times (open loop, coordinated omission corrected); sentP50 from send times. */
export interface Sample { rps: number; cpuUs: number; p50: number; p99: number; sentP50: number; errors: number }

export interface MeasureOptions { seconds: number; connections: number; rate: number; openSeconds: number }

export async function measure(url: string, pid: number | undefined, options: MeasureOptions, post?: PostBody): Promise<Sample> {
  const before = pid === undefined ? 0 : cpuMicros(pid);
  const closed = await runWrk(url, options.seconds, options.connections, post);
  const cpuUs = pid === undefined ? NaN : (cpuMicros(pid) - before) / closed.requests;
  const open = await runOpenLoop({ url, rate: options.rate, seconds: options.openSeconds, cookie: BENCH_COOKIE, body: post?.body });
  const sorted = open.latenciesUs.sort((a, b) => a - b);
  const sent = open.serviceUs.sort((a, b) => a - b);
  return {
    rps: closed.rps, cpuUs, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), sentP50: percentile(sent, 0.5),
    errors: closed.errors + open.errors,
  };
}

export function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const child = fork(join(import.meta.dirname, "open-loop.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  if (PINNED && child.pid !== undefined) pinPid(child.pid);
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message as OpenLoopResult));
    child.once("exit", (code) => { if (code !== 0) reject(new Error(`open-loop generator exited with ${code}`)); });
    child.send(options);
  });
}

function pinPid(pid: number): void {
  // fork() cannot go through taskset; pin the running child instead (same core as wrk and the upstream).
  spawnSync("/usr/bin/taskset", ["-pc", LOAD_CPU, String(pid)], { stdio: "ignore" });
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export function median(values: number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function medianSample(samples: Sample[]): Sample {
  return {
    rps: median(samples.map((s) => s.rps)), cpuUs: median(samples.map((s) => s.cpuUs)),
    p50: median(samples.map((s) => s.p50)), p99: median(samples.map((s) => s.p99)), sentP50: median(samples.map((s) => s.sentP50)),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
  };
}
