// `npm run bench -- new-frontend --throughput`: what one Next process serves per second, for the fleet
// arithmetic in deploy/README.md. One `next start` pinned to core 0 (taskset), wrk on the other core,
// closed loop (-c 20) for --seconds (default 8), on a product page and a category page served from the
// shared cache (REDIS_URL, next-cache-handler.ts: a HIT is a Redis GET plus Next streaming the stored
// page), and, for comparison, the same pages from the in-process cache (no REDIS_URL). Also prints the
// CPU µs per request, which is what sizing needs (req/s per core = 1e6 / µs).
import { randomUUID } from "node:crypto";
import { startSandbox } from "@strangler/magento-sandbox";
import { createRedisClient } from "@strangler/adapters/redis";
import { spawnSync } from "node:child_process";
import { cpuMicros, LOAD_CPU, PINNED, PROXY_CPU } from "../../proxy/bench/processes.ts";
import { runWrk } from "../../proxy/bench/wrk.ts";
import { ensureBuild, frontendDir } from "../tools/ensure-build.ts";
import { buildNextStartArgs, findFreePort, startService } from "../tools/services.ts";

const args = process.argv.slice(2);
const seconds = Number(args.find((arg) => arg.startsWith("--seconds="))?.split("=")[1] ?? 8);
const paths = ["/joust-duffle-bag.html", "/gear/bags.html"];

ensureBuild((line) => console.log(line));
const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", baseUrl: "http://127.0.0.1:8080/" });
console.log(PINNED ? `next on cpu ${PROXY_CPU}, wrk on cpu ${LOAD_CPU}, ${seconds} s per row` : "no CPU pinning (taskset or a second core missing)");

const run = randomUUID();
const sharedRedis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function measureNext(label: string, redisUrl: string): Promise<void> {
  const port = await findFreePort();
  const next = await startService({
    name: `next (${label})`, args: buildNextStartArgs(port), cwd: frontendDir, output: "pipe",
    env: {
      MAGENTO_URL: sandbox.url, PUBLIC_URL: "http://127.0.0.1:8080", REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `strangler:bench:${run}:adapters:`,
      NEXT_CACHE_KEY_PREFIX: `strangler:bench:${run}:next:`, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
    },
    readyUrl: `http://127.0.0.1:${port}/api/health`,
  }, 90_000);
  try {
    // startService runs node itself: pin the running process, every thread of it, to its core.
    if (PINNED) spawnSync("/usr/bin/taskset", ["-a", "-pc", PROXY_CPU, String(next.child.pid)], { stdio: "ignore" });
    for (const path of paths) {
      const url = `http://127.0.0.1:${port}${path}`;
      for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
      const before = cpuMicros(next.child.pid!);
      const result = await runWrk(url, seconds, 20);
      const microsPerRequest = (cpuMicros(next.child.pid!) - before) / Math.max(1, result.requests);
      console.log(`${label.padEnd(28)} ${path.padEnd(24)} ${result.rps.toFixed(0).padStart(6)} req/s  ${microsPerRequest.toFixed(0).padStart(6)} CPU µs/req  errors ${result.errors}`);
    }
  } finally {
    await next.stop();
  }
}

try {
  await measureNext("shared cache (Redis)", sharedRedis);
  await measureNext("in-process cache", "");
} finally {
  await sandbox.close();
  const redis = createRedisClient(sharedRedis);
  for (const key of await redis.keys(`{strangler:bench:${run}:*`)) await redis.unlink(key);
  redis.disconnect();
}
