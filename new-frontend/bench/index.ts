// Time to first byte of a product page through the proxy, legacy (Magento sandbox) against new
// (Next.js, ISR-cached), warm caches, sequential requests on keep-alive sockets. Prints p50/p99 and ratios.
// Run: npm run bench (root) or node new-frontend/bench/index.ts [requests]
import http from "node:http";
import { ensureBuild } from "../tools/ensure-build.ts";
import { startStack, type Stack } from "../test/support/stack.ts";
import { writePlans } from "../test/support/plans.ts";

// `--throughput`: req/s of one Next process instead (throughput.ts).
if (process.argv.includes("--throughput")) {
  await import("./throughput.ts");
  process.exit(0);
}
const requests = Number(process.argv[2] ?? 400);
const warmup = 50;
const productPath = "/joust-duffle-bag.html";

/** Microseconds from sending the request to the response head (the first byte). Drains the body. */
function measureTtfb(agent: http.Agent, base: string, path: string): Promise<{ micros: number; side: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.get(`${base}${path}`, { agent, headers: { cookie: "strangler_sid=bench-shopper" } }, (response) => {
      const micros = Number(process.hrtime.bigint() - started) / 1000;
      let side = "legacy";
      response.on("data", (chunk: Buffer) => {
        if (chunk.includes("strangler-new-frontend")) side = "new";
      });
      response.on("end", () => (response.statusCode === 200 ? resolve({ micros, side }) : reject(new Error(`${path}: HTTP ${response.statusCode}`))));
    });
    request.on("error", reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function sample(base: string, expectedSide: string): Promise<{ p50: number; p99: number; mean: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < warmup; i += 1) await measureTtfb(agent, base, productPath);
  const times: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const { micros, side } = await measureTtfb(agent, base, productPath);
    if (side !== expectedSide) throw new Error(`${base} served the ${side} side, expected ${expectedSide}`);
    times.push(micros);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((sum, t) => sum + t, 0) / times.length };
}

const ms = (micros: number) => (micros / 1000).toFixed(2).padStart(8);

async function main(): Promise<void> {
  ensureBuild();
  let stack: Stack | undefined;
  try {
    stack = await startStack(await writePlans(0));
    const legacy = await sample(stack.shopUrl, "legacy");
    const legacyDirect = await sample(stack.sandbox.url, "legacy");
    await stack.restartProxy(await writePlans(100));
    const fresh = await sample(stack.shopUrl, "new");
    const freshDirect = await sample(stack.nextUrl, "new");
    console.log(`\nnew-frontend: TTFB of ${productPath}, ${requests} sequential requests after ${warmup} warm-up, keep-alive (ms)`);
    console.log(`${"".padEnd(34)}${"p50".padStart(8)}${"p99".padStart(8)}${"mean".padStart(8)}`);
    const row = (name: string, r: { p50: number; p99: number; mean: number }) => console.log(`${name.padEnd(34)}${ms(r.p50)}${ms(r.p99)}${ms(r.mean)}`);
    row("legacy (sandbox) through proxy", legacy);
    row("new (Next, ISR) through proxy", fresh);
    row("legacy direct (no proxy)", legacyDirect);
    row("new direct (no proxy)", freshDirect);
    console.log(`ratio new/legacy through proxy: p50 ${(fresh.p50 / legacy.p50).toFixed(2)}, p99 ${(fresh.p99 / legacy.p99).toFixed(2)}`);
  } finally {
    await stack?.close();
  }
}

await main();
