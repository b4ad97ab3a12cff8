// Closed-loop load with wrk, pinned to the load core: req/s, total requests, p50/p95/p99/max latency
// (a Lua done() hook prints them, since wrk's --latency has no p95) and errors (socket or non-2xx/3xx).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOAD_CPU, pinned } from "./pin.ts";

export interface WrkResult { rps: number; requests: number; errors: number; p50: number; p95: number; p99: number; max: number }

const script = join(mkdtempSync(join(tmpdir(), "strangler-bench-wrk-")), "percentiles.lua");
writeFileSync(script, `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, summary.duration))
end
`);

export function runWrk(url: string, seconds: number, connections: number, headers: Record<string, string> = {}): Promise<WrkResult> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const [command, args] = pinned(LOAD_CPU, "wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "-s", script, ...headerArgs, url]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (data) => { out += data; });
    child.on("error", reject);
    child.on("exit", (code) => {
      const match = /BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
      if (code !== 0 || match === null) return reject(new Error(`wrk failed (${code}):\n${out}`));
      const [requests, errors, p50, p95, p99, max, durationMicros] = match.slice(1).map(Number) as number[];
      resolve({ requests: requests!, errors: errors!, rps: requests! / (durationMicros! / 1e6), p50: p50! / 1000, p95: p95! / 1000, p99: p99! / 1000, max: max! / 1000 });
    });
  });
}
