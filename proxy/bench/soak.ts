// `--soak`: the strangler (three path plans) under a steady 1,000 req/s open loop for N minutes, its RSS read
// from /proc every 10 s. Flat means the last minute's median RSS is within 10 % of the first minute's after
// warm-up (the first 30 s are start-up and JIT, not growth). A bench mode, not a test: it takes minutes.
import { runOpenLoop, median, percentile } from "./measure.ts";
import { PROXY_CPU, rssKiB } from "./processes.ts";
import type { Started } from "./processes.ts";
import { BENCH_COOKIE } from "./wrk.ts";

const SAMPLE_MS = 10_000;

export async function runSoak(legacyUrl: string, newUrl: string, minutes: number, start: (file: string, args: string[], cpu: string) => Promise<Started>): Promise<void> {
  const proxy = await start("strangler-proxy.ts", [legacyUrl, newUrl, "paths"], PROXY_CPU);
  const pid = proxy.child.pid!;
  const url = `${proxy.message.url as string}/page/2k`;
  console.log(`soak: ${minutes} min at 1000 req/s open loop against ${url}; RSS of pid ${pid} every ${SAMPLE_MS / 1000}s`);
  const startedAt = performance.now();
  const samples: Array<{ s: number; kib: number }> = [];
  const timer = setInterval(() => {
    const sample = { s: Math.round((performance.now() - startedAt) / 1000), kib: rssKiB(pid) };
    samples.push(sample);
    console.log(`  ${String(sample.s).padStart(5)} s  RSS ${(sample.kib / 1024).toFixed(1)} MiB`);
  }, SAMPLE_MS);
  const result = await runOpenLoop({ url, rate: 1_000, seconds: minutes * 60, cookie: BENCH_COOKIE });
  clearInterval(timer);
  const sorted = result.latenciesUs.sort((a, b) => a - b);
  const seconds = minutes * 60;
  const firstWindow = samples.filter((x) => x.s >= 30 && x.s <= Math.max(60, Math.min(90, seconds / 3))).map((x) => x.kib);
  const lastWindow = samples.filter((x) => x.s >= seconds - 60).map((x) => x.kib);
  const first = median(firstWindow);
  const last = median(lastWindow);
  const growth = ((last - first) / first) * 100;
  console.log(`soak: ${result.sent} requests, ${result.errors} errors, p50 ${percentile(sorted, 0.5)} µs, p99 ${percentile(sorted, 0.99)} µs`);
  console.log(`soak: RSS after warm-up ${(first / 1024).toFixed(1)} MiB, last minute ${(last / 1024).toFixed(1)} MiB, ` +
    `growth ${growth.toFixed(1)} % (aim: within 10 %) — ${Math.abs(growth) <= 10 ? "flat" : "NOT flat"}`);
}
