// `npm run bench -- proxy`: what the forwarder costs, with wrk (Debian's package) as the load generator on
// its own core and each proxy alone on core 0. Rows, printed "direct" first so a saturated load generator
// shows: direct to the upstream, bare http-proxy, bare undici, strangler → legacy (three path plans),
// strangler → new side by plan, strangler with a page-type plan and a warm cache, strangler with a GraphQL
// plan (a page GET → legacy: nothing parsed); for a 2 KB and a 100 KB page. Then, 2 KB table only: a GraphQL
// POST → legacy without a GraphQL plan (body forwarded unread), the same POST read, parsed and sent to
// the new side by its operation, strangler -> legacy again with the per-request metrics off (their price:
// the CPU µs per request between the two rows, with the in-process cost of one record from
// request-metrics-cost.ts), and "strangler -> new, traced": the by-plan row with every request's spans
// exported over OTLP/HTTP, and "traced, 1 % sampled" (traceidratio 0.01: spans made for every request, but
// recorded and exported for one in a hundred); the other rows export nothing (no OTLP endpoint, no OTel
// object per request): what they pay for tracing, the trace context and request id, is printed last. Closed-loop req/s (wrk -c50) and the proxy's CPU µs per request (/proc), then p50/p99 at a fixed
// 1,000 req/s open loop (open-loop.ts) and what each proxy adds over direct. Every scenario runs once per
// round, rounds interleaved (order rotated), medians reported.
// `npm run bench -- proxy --metrics-cost [--rounds=N]`: only direct, strangler -> legacy with and without the
// per-request metrics (2 KB), more rounds (default 7), the per-pair CPU difference and the in-process cost.
// `npm run bench -- proxy --soak [--minutes=10]`: RSS of the strangler under 1,000 req/s (soak.ts).
// `npm run bench -- proxy --shadow`: the shopper's latency with a plan in stage shadow at 100 % vs off (shadow.ts).
import { spawnSync } from "node:child_process";
import { loadavg, availableParallelism } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { measure, medianSample } from "./measure.ts";
import type { Sample } from "./measure.ts";
import { hasWrk, LOAD_CPU, PINNED, PROXY_CPU, startScript } from "./processes.ts";
import { runShadowBench } from "./shadow.ts";
import { runSoak } from "./soak.ts";
import { measureTraceContextCost, measureUnsampledSpanCost } from "./trace-context-cost.ts";
import type { PostBody } from "./wrk.ts";

const METRICS_OFF = "strangler -> legacy, metrics off";

/** The metrics' price alone: each round measures on and off back to back (order alternating), so a loaded
 *  machine's drift hits both alike; the median of the per-round CPU differences is reported. */
async function runMetricsCost(legacyUrl: string, newUrl: string): Promise<void> {
  const rounds = Number(flag("rounds") ?? 7);
  const on = await start("strangler-proxy.ts", [legacyUrl, newUrl, "paths"], PROXY_CPU);
  const off = await start("strangler-proxy.ts", [legacyUrl, newUrl, "paths", "metrics-off"], PROXY_CPU);
  const scenarios: Array<[string, string, number | undefined]> = [
    ["direct to the upstream", `${legacyUrl}/page/2k`, undefined],
    ["strangler -> legacy", `${on.message.url as string}/page/2k`, on.child.pid],
    [METRICS_OFF, `${off.message.url as string}/page/2k`, off.child.pid],
  ];
  const samples: Sample[][] = scenarios.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1, 2] : [0, 2, 1];
    for (const i of order) {
      const [, target, pid] = scenarios[i]!;
      if (round === 0) await measure(target, pid, { ...options, seconds: 1, openSeconds: 0.5 }); // JIT warm-up, not counted
      samples[i]!.push(await measure(target, pid, options));
    }
  }
  const rows = samples.map(medianSample);
  const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
  console.log(`\n2 KB page — wrk -c${options.connections} ${options.seconds}s closed loop; open loop ${options.rate} req/s for ${options.openSeconds}s; medians of ${rounds} rounds`);
  console.log("scenario                           req/s  cpu µs/req   p50 µs   p99 µs  errors");
  rows.forEach((row, i) => console.log(`${scenarios[i]![0].padEnd(32)} ${fmt(row.rps).padStart(7)} ${fmt(row.cpuUs, 1).padStart(11)} ${fmt(row.p50).padStart(8)} ${fmt(row.p99).padStart(8)} ${String(row.errors).padStart(7)}`));
  const differences = samples[1]!.map((sample, i) => sample.cpuUs - samples[2]![i]!.cpuUs).sort((a, b) => a - b);
  console.log(`metrics on - off, cpu µs/req per round: ${differences.map((d) => d.toFixed(1)).join(", ")}; median ${fmt(differences[Math.floor(differences.length / 2)]!, 1)} (aim <= 3); ` +
    `req/s on / off ${(rows[1]!.rps / rows[2]!.rps).toFixed(3)}`);
  printRequestMetricsCost();
}

/** A Venia-sized search request (operation, variables): what the GraphQL rows send. */
const SEARCH_POST: PostBody = {
  body: JSON.stringify({
    operationName: "ProductSearch",
    query: "query ProductSearch($search: String, $pageSize: Int) { products(search: $search, pageSize: $pageSize) { total_count "
      + "items { uid sku name url_key small_image { url label } price_range { minimum_price { final_price { value currency } } } } "
      + "aggregations { attribute_code label count options { label value count } } page_info { current_page total_pages } } }",
    variables: { search: "jacket", pageSize: 12 },
  }),
};

const args = process.argv.slice(2);
const flag = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const options = {
  seconds: Number(flag("seconds") ?? process.env.BENCH_SECONDS ?? 6),
  connections: 50,
  rate: Number(flag("rate") ?? 1_000),
  openSeconds: Number(flag("open-seconds") ?? 3),
};
const ROUNDS = Number(flag("rounds") ?? process.env.BENCH_ROUNDS ?? 3);

if (!hasWrk()) {
  console.error("bench: wrk not found; install Debian's package (apt-get install -y wrk; .ci/setup does)");
  process.exit(1);
}
console.log(`cores ${availableParallelism()}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; ` +
  (PINNED ? `proxies on cpu ${PROXY_CPU}, upstream + wrk + open-loop generator on cpu ${LOAD_CPU}` : "no CPU pinning (taskset or a second core missing)"));

const children: ChildProcess[] = [];
const start = async (file: string, args: string[], cpu: string) => {
  const started = await startScript(file, args, cpu);
  children.push(started.child);
  return started;
};
try {
  const upstream = await start("upstream-server.ts", [], LOAD_CPU);
  const [legacyPort, newPort] = upstream.message.ports as [number, number];
  const legacyUrl = `http://127.0.0.1:${legacyPort}`;
  const newUrl = `http://127.0.0.1:${newPort}`;
  if (args.includes("--shadow")) {
    await runShadowBench(legacyUrl, newUrl, start, { ...options, rounds: ROUNDS });
  } else if (args.includes("--soak")) {
    await runSoak(legacyUrl, newUrl, Number(flag("minutes") ?? 10), start);
  } else {
    if (args.includes("--metrics-cost")) await runMetricsCost(legacyUrl, newUrl);
    else await runThroughput(legacyUrl, newUrl);
  }
} finally {
  for (const child of children) child.kill();
}

async function runThroughput(legacyUrl: string, newUrl: string): Promise<void> {
  const bareProxy = await start("bare-proxy.ts", [legacyUrl], PROXY_CPU);
  const bareUndici = await start("bare-undici.ts", [legacyUrl], PROXY_CPU);
  const paths = await start("strangler-proxy.ts", [legacyUrl, newUrl, "paths"], PROXY_CPU);
  const pathsNoMetrics = await start("strangler-proxy.ts", [legacyUrl, newUrl, "paths", "metrics-off"], PROXY_CPU);
  const pageType = await start("strangler-proxy.ts", [legacyUrl, newUrl, "page-type"], PROXY_CPU);
  const graphql = await start("strangler-proxy.ts", [legacyUrl, newUrl, "graphql"], PROXY_CPU);
  const traced = await start("strangler-proxy.ts", [legacyUrl, newUrl, "traced"], PROXY_CPU);
  const sampled = await start("strangler-proxy.ts", [legacyUrl, newUrl, "sampled"], PROXY_CPU);
  const url = (started: { message: Record<string, unknown> }) => started.message.url as string;
  for (const size of ["2k", "100k"]) {
    const scenarios: Array<[string, string, number | undefined, PostBody?]> = [
      ["direct to the upstream", `${legacyUrl}/page/${size}`, undefined],
      ["bare http-proxy (keep-alive)", `${url(bareProxy)}/page/${size}`, bareProxy.child.pid],
      ["bare undici (Pool.stream)", `${url(bareUndici)}/page/${size}`, bareUndici.child.pid],
      ["strangler -> legacy", `${url(paths)}/page/${size}`, paths.child.pid],
      ["strangler -> new by plan", `${url(paths)}/new/${size}`, paths.child.pid],
      ["strangler page-type, warm cache", `${url(pageType)}/p/${size}.html`, pageType.child.pid],
      ["strangler graphql plan, page", `${url(graphql)}/page/${size}`, graphql.child.pid],
    ];
    if (size === "2k") {
      scenarios.push(
        ["graphql POST -> legacy, no plan", `${url(paths)}/graphql`, paths.child.pid, SEARCH_POST],
        ["graphql POST -> new by operation", `${url(graphql)}/graphql`, graphql.child.pid, SEARCH_POST],
        [METRICS_OFF, `${url(pathsNoMetrics)}/page/${size}`, pathsNoMetrics.child.pid],
        ["strangler -> new, traced", `${url(traced)}/new/${size}`, traced.child.pid],
        ["strangler -> new, 1 % sampled", `${url(sampled)}/new/${size}`, sampled.child.pid],
      );
    }
    await fetch(scenarios[5]![1], { headers: { cookie: "strangler_sid=BenchShopper0000000000" } }).then((r) => r.arrayBuffer()); // warms the page-type cache
    const samples: Sample[][] = scenarios.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < scenarios.length; k++) {
        const i = (k + round) % scenarios.length; // rotated, so no scenario always runs first
        const [, target, pid, post] = scenarios[i]!;
        if (round === 0) await measure(target, pid, { ...options, seconds: 1, openSeconds: 0.5 }, post); // JIT warm-up, not counted
        samples[i]!.push(await measure(target, pid, options, post));
      }
    }
    print(size === "2k" ? "2 KB" : "100 KB", scenarios.map(([name]) => name), samples.map(medianSample));
  }
  const cost = measureTraceContextCost();
  console.log(`\nno OTLP endpoint: trace context + request id cost ${cost.continued.toFixed(0)} ns CPU per request with an incoming ` +
    `traceparent and X-Request-Id, ${cost.started.toFixed(0)} ns with neither (ids generated)`);
  console.log(`endpoint set, trace not sampled: ${(await measureUnsampledSpanCost() / 1000).toFixed(1)} µs CPU per request for its spans (in process, no I/O)`);
  printRequestMetricsCost();
}

/** The request metrics' price twice: in-process per record(), and the proxy's CPU per request with and without them. */
function printRequestMetricsCost(): void {
  const cost = spawnSync(process.execPath, [join(import.meta.dirname, "request-metrics-cost.ts")], { encoding: "utf8" });
  console.log(`\nrequest metrics: ${cost.stdout.trim() || cost.stderr.trim()}`);
}

function print(size: string, names: string[], rows: Sample[]): void {
  const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
  const direct = rows[0]!;
  console.log(`\n${size} page — wrk -c${options.connections} ${options.seconds}s closed loop; open loop ${options.rate} req/s for ${options.openSeconds}s; ` +
    `medians of ${ROUNDS} interleaved rounds`);
  console.log("scenario                           req/s  cpu µs/req   p50 µs   p99 µs  added p50 µs  added p99 µs  added p50 from send µs  errors");
  rows.forEach((row, i) => {
    console.log(`${names[i]!.padEnd(32)} ${fmt(row.rps).padStart(7)} ${fmt(row.cpuUs, 1).padStart(11)} ${fmt(row.p50).padStart(8)} ${fmt(row.p99).padStart(8)} ` +
      `${(i === 0 ? "-" : fmt(row.p50 - direct.p50)).padStart(13)} ${(i === 0 ? "-" : fmt(row.p99 - direct.p99)).padStart(13)} ` +
      `${(i === 0 ? "-" : fmt(row.sentP50 - direct.sentP50)).padStart(23)} ${String(row.errors).padStart(7)}`);
  });
  const [, httpProxy, undici, legacy, planned] = rows as [Sample, Sample, Sample, Sample, Sample];
  const off = rows[names.indexOf(METRICS_OFF)];
  if (off !== undefined) {
    console.log(`metrics on vs off (strangler -> legacy): cpu ${fmt(legacy.cpuUs - off.cpuUs, 1)} µs/req (aim <= 3), ` +
      `req/s on / off ${(legacy.rps / off.rps).toFixed(3)}, added p50 ${fmt(legacy.p50 - off.p50)} µs`);
  }
  console.log(`ratios (req/s): strangler->legacy / bare http-proxy ${(legacy.rps / httpProxy.rps).toFixed(2)} (aim >= 1.2), ` +
    `/ bare undici ${(legacy.rps / undici.rps).toFixed(2)} (aim >= 0.75), / direct ${(legacy.rps / direct.rps).toFixed(2)}; ` +
    `new by plan / bare http-proxy ${(planned.rps / httpProxy.rps).toFixed(2)}; ` +
    `cpu/req strangler->legacy / bare undici ${(legacy.cpuUs / undici.cpuUs).toFixed(2)}; ` +
    `added p50 strangler->legacy ${fmt((legacy.p50 - direct.p50) / 1000, 3)} ms from due time, ` +
    `${fmt((legacy.sentP50 - direct.sentP50) / 1000, 3)} ms from send time (aim <= 0.2)`);
  for (const name of ["strangler -> new, traced", "strangler -> new, 1 % sampled"]) {
    const traced = rows[names.indexOf(name)];
    if (traced === undefined) continue;
    console.log(`${name.slice("strangler -> new, ".length)} vs no exporter, by plan to the new side: req/s ${(traced.rps / planned.rps).toFixed(2)}x, ` +
      `cpu ${fmt(traced.cpuUs - planned.cpuUs, 1)} µs/req more, added p50 ${fmt(traced.p50 - planned.p50)} µs, p99 ${fmt(traced.p99 - planned.p99)} µs`);
  }
}
