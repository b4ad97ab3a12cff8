// `npm run bench -- proxy --shadow`: what stage shadow costs a shopper. Two strangler processes on the proxy
// core, the same plan for /s/** in stage off and in stage shadow mirroring 100 % of requests (the new side is
// the bench upstream's second port; legacy is asked again for the default 10 % noise sample). Rows per page
// size: closed-loop req/s (wrk -c50: shadow work beyond its bounds is dropped) and the open-loop p50/p99 at
// 1,000 req/s, where every request is mirrored; medians of interleaved rounds; then the ratios on/off.
import type { ChildProcess } from "node:child_process";
import { measure, medianSample } from "./measure.ts";
import type { MeasureOptions, Sample } from "./measure.ts";
import { PROXY_CPU } from "./processes.ts";

type Start = (file: string, args: string[], cpu: string) => Promise<{ child: ChildProcess; message: Record<string, unknown> }>;

export async function runShadowBench(legacyUrl: string, newUrl: string, start: Start, options: MeasureOptions & { rounds: number }): Promise<void> {
  const off = await start("strangler-proxy.ts", [legacyUrl, newUrl, "shadow-off"], PROXY_CPU);
  const on = await start("strangler-proxy.ts", [legacyUrl, newUrl, "shadow-on"], PROXY_CPU);
  for (const size of ["2k", "100k"]) {
    const scenarios = [
      ["stage off (no shadow)", `${off.message.url as string}/s/${size}`, off.child.pid],
      ["stage shadow, 100 % mirrored", `${on.message.url as string}/s/${size}`, on.child.pid],
    ] as const;
    const samples: Sample[][] = [[], []];
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < 2; k++) {
        const i = (k + round) % 2;
        const [, url, pid] = scenarios[i]!;
        if (round === 0) await measure(url, pid, { ...options, seconds: 1, openSeconds: 0.5 });
        samples[i]!.push(await measure(url, pid, options));
      }
    }
    const [offRow, onRow] = samples.map(medianSample) as [Sample, Sample];
    console.log(`\n${size === "2k" ? "2 KB" : "100 KB"} page — wrk -c${options.connections} ${options.seconds}s; open loop ${options.rate} req/s for ${options.openSeconds}s; medians of ${options.rounds} rounds`);
    console.log("scenario                         req/s  cpu µs/req   p50 µs   p99 µs  errors");
    for (const [name, row] of [[scenarios[0][0], offRow], [scenarios[1][0], onRow]] as const) {
      console.log(`${name.padEnd(30)} ${row.rps.toFixed(0).padStart(7)} ${row.cpuUs.toFixed(1).padStart(11)} ${row.p50.toFixed(0).padStart(8)} ${row.p99.toFixed(0).padStart(8)} ${String(row.errors).padStart(7)}`);
    }
    console.log(`ratios shadow/off: p50 ${(onRow.p50 / offRow.p50).toFixed(3)}, p99 ${(onRow.p99 / offRow.p99).toFixed(3)} (aim <= 1.05), req/s ${(onRow.rps / offRow.rps).toFixed(3)}`);
  }
}
