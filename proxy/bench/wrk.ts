// Closed-loop throughput with wrk (Debian's package), pinned to the load core: requests per second, the
// total requests (for CPU per request) and any socket errors or non-2xx answers.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOAD_CPU, pinned } from "./processes.ts";

export interface WrkResult { rps: number; requests: number; errors: number }

export const BENCH_COOKIE = "strangler_sid=BenchShopper0000000000";

/** A JSON POST (a GraphQL request) instead of a GET. */
export interface PostBody { body: string }

export function runWrk(url: string, seconds: number, connections: number, post?: PostBody): Promise<WrkResult> {
  const script = post === undefined ? [] : ["-s", writePostScript(post.body)];
  const [command, args] = pinned(LOAD_CPU, "wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "-H", `Cookie: ${BENCH_COOKIE}`, ...script, url]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (data) => { out += data; });
    child.on("error", reject);
    child.on("exit", (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const total = /(\d+) requests in/.exec(out);
      if (code !== 0 || rps === null || total === null) return reject(new Error(`wrk failed (${code}):\n${out}`));
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      const errors = (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0);
      resolve({ rps: Number(rps[1]), requests: Number(total[1]), errors });
    });
  });
}

/** wrk sends a body only through a Lua script; a long bracket string needs no escaping. */
function writePostScript(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "strangler-bench-wrk-")), "post.lua");
  writeFileSync(file, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[${body}]==]\n`);
  return file;
}
