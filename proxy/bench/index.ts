// Proxy benchmark, one run, side by side on loopback: (a) direct to the upstream, (b) bare http-proxy
// with a keep-alive agent, (c) the strangler proxy passing to legacy, (d) the strangler proxy routing
// by a plan to the new side, and (e) = (c) with the access log off, to show what logging costs; for a
// 2 KB and a 100 KB page. Upstream, proxies and the load generator
// each run in their own process. Prints req/s, p50/p99 (µs timers), proxy CPU per request, c/b, c/a
// and the p50 each proxy adds at a fixed moderate rate.
import { fork, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { LoadOptions, LoadResult } from "./load-client.ts";

const here = import.meta.dirname;
const THROUGHPUT_MS = Number(process.env.BENCH_SECONDS ?? 2) * 1000;
const WARMUP_MS = 1_000;
const CONCURRENCY = 50;
const RATE = 500;
const RATE_MS = 2_000;
// The machine is shared (other suites run in parallel), so each scenario runs ROUNDS times, interleaved
// with the others, and the least disturbed round counts (best throughput, lowest paced p50).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

// With taskset and two or more cores, proxies run on the last core and the upstream and load generator on
// the others, so a proxy's throughput measures the proxy, not its fight for a core with the load client.
const PIN = existsSync("/usr/bin/taskset") && availableParallelism() >= 2 && process.env.BENCH_PIN !== "0";
const PROXY_CPUS = String(availableParallelism() - 1);
const OTHER_CPUS = `0-${Math.max(0, availableParallelism() - 2)}`;

function forkPinned(file: string, args: string[], cpus: string, env: Record<string, string> = {}): ChildProcess {
  const options = { stdio: ["ignore", "inherit", "inherit", "ipc"] as ("ignore" | "inherit" | "ipc")[], env: { ...process.env, ...env } };
  if (!PIN) return fork(join(here, file), args, options);
  return spawn("/usr/bin/taskset", ["-c", cpus, process.execPath, join(here, file), ...args], options);
}

function start(file: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ child: ChildProcess; message: Record<string, unknown> }> {
  const child = forkPinned(file, args, file === "upstream-server.ts" ? OTHER_CPUS : PROXY_CPUS, env);
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, message: message as Record<string, unknown> }));
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

async function load(options: LoadOptions): Promise<LoadResult> {
  const child = forkPinned("load-client.ts", [], OTHER_CPUS);
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message as LoadResult));
    child.once("exit", (code) => { if (code !== 0) reject(new Error(`load client exited with ${code}`)); });
    child.send(options);
  });
}

function cpuOf(child: ChildProcess | undefined): Promise<number> {
  if (child === undefined) return Promise.resolve(0);
  return new Promise((resolve) => {
    child.once("message", (message) => {
      const { cpu } = message as { cpu: NodeJS.CpuUsage };
      resolve(cpu.user + cpu.system);
    });
    child.send("cpu");
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

interface Row { name: string; rps: number; p50: number; p99: number; cpuUs: number; errors: number; rateP50: number; rateP99: number }

async function measure(name: string, url: string, child: ChildProcess | undefined, warm: boolean): Promise<Row> {
  const closed = (durationMs: number): LoadOptions => ({ url, mode: "closed", concurrency: CONCURRENCY, rate: 0, durationMs, maxRequests: 2_000_000 });
  if (!warm) await load(closed(WARMUP_MS));
  const cpuBefore = await cpuOf(child);
  const run = await load(closed(THROUGHPUT_MS));
  const cpuAfter = await cpuOf(child);
  const sorted = run.latenciesUs.sort((x, y) => x - y);
  const paced = await load({ url, mode: "rate", concurrency: 64, rate: RATE, durationMs: RATE_MS, maxRequests: RATE * 10 });
  const pacedSorted = paced.latenciesUs.sort((x, y) => x - y);
  return {
    name, rps: run.requests / run.seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99),
    cpuUs: child ? (cpuAfter - cpuBefore) / run.requests : NaN, errors: run.errors + paced.errors,
    rateP50: percentile(pacedSorted, 0.5), rateP99: percentile(pacedSorted, 0.99),
  };
}

function pickBest(rows: Row[]): Row {
  const fastest = rows.reduce((best, row) => (row.rps > best.rps ? row : best));
  const calmest = rows.reduce((best, row) => (row.rateP50 < best.rateP50 ? row : best));
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  return { ...fastest, rateP50: calmest.rateP50, rateP99: calmest.rateP99, errors };
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "-");

function print(size: string, rows: Row[]): void {
  const [a, b, c, d, e] = rows as [Row, Row, Row, Row, Row];
  console.log(`\n${size} page — closed loop c=${CONCURRENCY} for ${THROUGHPUT_MS / 1000}s; paced ${RATE} req/s for ${RATE_MS / 1000}s; best of ${ROUNDS} interleaved rounds`);
  console.log("scenario                          req/s    p50 µs   p99 µs  cpu µs/req  paced p50 µs  paced p99 µs  added p50 µs  errors");
  for (const row of rows) {
    console.log(`${row.name.padEnd(32)} ${fmt(row.rps).padStart(6)} ${fmt(row.p50).padStart(9)} ${fmt(row.p99).padStart(8)} ${fmt(row.cpuUs, 1).padStart(11)} ${fmt(row.rateP50).padStart(13)} ${fmt(row.rateP99).padStart(13)} ${fmt(row.rateP50 - a.rateP50).padStart(13)} ${String(row.errors).padStart(7)}`);
  }
  console.log(`ratios: c/b throughput ${(c.rps / b.rps).toFixed(3)} (aim >= 0.95), c/a ${(c.rps / a.rps).toFixed(3)}, d/b ${(d.rps / b.rps).toFixed(3)}, ` +
    `e/b ${(e.rps / b.rps).toFixed(3)}; cpu/req c/b ${(c.cpuUs / b.cpuUs).toFixed(3)}, e/b ${(e.cpuUs / b.cpuUs).toFixed(3)}; ` +
    `paced p50 c-b ${fmt(c.rateP50 - b.rateP50)} µs, d-b ${fmt(d.rateP50 - b.rateP50)} µs (aim <= 300)`);
}

console.log(`cores ${availableParallelism()}, load average at start ${loadavg().map((l) => l.toFixed(1)).join(" ")}; ` +
  (PIN ? `proxies pinned to cpu ${PROXY_CPUS}, upstream and load generator to cpu ${OTHER_CPUS}` : "no CPU pinning") +
  " (other processes on the machine still shift every figure)");
const upstream = await start("upstream-server.ts");
const [legacyPort, newPort] = upstream.message.ports as [number, number];
const legacyUrl = `http://127.0.0.1:${legacyPort}`;
const bare = await start("bare-proxy.ts", [legacyUrl]);
const strangler = await start("strangler-proxy.ts", [legacyUrl, `http://127.0.0.1:${newPort}`]);
const quiet = await start("strangler-proxy.ts", [legacyUrl, `http://127.0.0.1:${newPort}`], { BENCH_LOG_LEVEL: "silent" });
try {
  for (const size of ["2k", "100k"]) {
    const scenarios: Array<[string, string, ChildProcess | undefined]> = [
      ["(a) direct to upstream", `${legacyUrl}/page/${size}`, undefined],
      ["(b) bare http-proxy, keep-alive", `${bare.message.url}/page/${size}`, bare.child],
      ["(c) strangler -> legacy", `${strangler.message.url}/page/${size}`, strangler.child],
      ["(d) strangler plan -> new side", `${strangler.message.url}/new/${size}`, strangler.child],
      ["(e) = (c) without the access log", `${quiet.message.url}/page/${size}`, quiet.child],
    ];
    const rounds: Row[][] = scenarios.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < scenarios.length; k++) {
        const i = (k + round) % scenarios.length; // rotate the order so no scenario always runs first
        const [name, url, child] = scenarios[i]!;
        rounds[i]!.push(await measure(name, url, child, round > 0));
      }
    }
    print(size === "2k" ? "2 KB" : "100 KB", rounds.map(pickBest));
  }
} finally {
  for (const child of [upstream.child, bare.child, strangler.child, quiet.child]) child.kill();
}
