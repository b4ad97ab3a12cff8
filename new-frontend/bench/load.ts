// `npm run bench -- new-frontend`: what a shopper waits for on each page type (product, category, search,
// CMS), legacy against new, direct and through the proxy, warm and cold. wrk (pinned to the load core)
// runs each URL for --seconds (default 10) at 10 and 50 connections; rows give req/s, p50/p95/p99/max in
// ms, errors, and the CPU per request (µs) the new frontend (Next) and the proxy spent. Direct rows first.
// "new warm" = through the proxy with its page cache; "new, no page cache" = the same plans, page cache off
// (what Next alone gives). Cold = one request each to pages never rendered (Next's and the proxy's caches
// empty, the adapters' data warm), in sequence, through the caching proxy.
import { ensureBuild } from "../tools/ensure-build.ts";
import { startBenchStack, type BenchStack } from "./bench-stack.ts";
import { cpuMicros, PINNED } from "./pin.ts";
import { runWrk, type WrkResult } from "./wrk.ts";

const seconds = Number(/^--seconds=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith("--seconds=")) ?? "")?.[1] ?? 10);
const connectionsList = [10, 50];

const PAGES = [
  { type: "product", path: "/joust-duffle-bag.html" },
  { type: "category", path: "/gear/bags.html" },
  { type: "search", path: "/catalogsearch/result/?q=bag" },
  { type: "cms", path: "/about-us" },
];

interface Row { page: string; side: string; connections: number; result: WrkResult; nextCpu: number; proxyCpu: number | undefined }

const fmt = (value: number, width = 8, digits = 1) => value.toFixed(digits).padStart(width);

async function measure(stack: BenchStack, url: string, connections: number, proxyPid: number | undefined): Promise<Omit<Row, "page" | "side" | "connections">> {
  await runWrk(url, 1, connections); // warm-up: connections open, JIT warm, caches filled
  const nextBefore = cpuMicros(stack.nextPid);
  const proxyBefore = proxyPid === undefined ? 0 : cpuMicros(proxyPid);
  const result = await runWrk(url, seconds, connections);
  const perRequest = (micros: number) => micros / Math.max(1, result.requests);
  return { result, nextCpu: perRequest(cpuMicros(stack.nextPid) - nextBefore), proxyCpu: proxyPid === undefined ? undefined : perRequest(cpuMicros(proxyPid) - proxyBefore) };
}

function printRow(row: Row): void {
  const r = row.result;
  console.log(`${row.page.padEnd(9)}${row.side.padEnd(30)}${String(row.connections).padStart(4)}${fmt(r.rps, 9, 0)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}${fmt(r.max, 9)}${String(r.errors).padStart(7)}${fmt(row.nextCpu, 9, 0)}${row.proxyCpu === undefined ? "        -" : fmt(row.proxyCpu, 9, 0)}`);
}

/** Distinct catalog URLs of one kind, read from legacy pages' links. */
async function findUrls(stack: BenchStack): Promise<Record<string, string[]>> {
  const html = await (await fetch(`${stack.legacyUrl}/gear/bags.html?product_list_limit=36`)).text() + await (await fetch(`${stack.legacyUrl}/men/tops-men/jackets-men.html?product_list_limit=36`)).text();
  const links = [...html.matchAll(/href="https?:\/\/[^/"]+(\/[a-z0-9/-]+\.html)"/g)].map((m) => m[1]!);
  const products = [...new Set(links.filter((link) => link.split("/").length === 2 && link !== "/joust-duffle-bag.html"))].slice(0, 40);
  const categories = [...new Set(links.filter((link) => link.split("/").length > 2))].filter((link) => link !== "/gear/bags.html").slice(0, 20);
  const searches = ["shirt", "jacket", "pant", "watch", "yoga", "short", "tee", "hoodie", "bottle", "backpack", "tank", "bra", "belt", "socks", "ball"].map((q) => `/catalogsearch/result/?q=${q}`);
  const cms = ["/customer-service", "/privacy-policy-cookie-restriction-mode", "/enable-cookies", "/"];
  return { product: products, category: categories, search: searches, cms };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function measureCold(stack: BenchStack): Promise<void> {
  const urls = await findUrls(stack);
  console.log("\nCold pages (never rendered: Next's and the proxy's caches empty, adapters warm), one at a time through the caching proxy, ms");
  console.log(`${"page".padEnd(9)}${"pages".padStart(6)}${"p50".padStart(8)}${"p95".padStart(8)}${"max".padStart(8)}   then warm p50`);
  for (const [type, list] of Object.entries(urls)) {
    // The listing route (a query string) renders the same data per request, outside Next's ISR cache and
    // the proxy's page cache: it warms the adapters, not the page.
    for (const path of list) await (await fetch(`${stack.nextUrl}${path}${path.includes("?") ? "&" : "?"}bench-warm=1`)).arrayBuffer();
    const cold: number[] = [];
    const warm: number[] = [];
    for (const path of list) {
      for (const into of [cold, warm]) {
        const started = performance.now();
        const response = await fetch(`${stack.proxies.cached.url}${path}`);
        await response.arrayBuffer();
        into.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
      }
    }
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    console.log(`${type.padEnd(9)}${String(list.length).padStart(6)}${fmt(percentile(cold, 50))}${fmt(percentile(cold, 95))}${fmt(cold.at(-1)!)}   ${fmt(percentile(warm, 50))}`);
  }
}

async function main(): Promise<void> {
  ensureBuild();
  const stack = await startBenchStack();
  try {
    console.log(`new-frontend bench: wrk -t1 ${seconds}s per row at ${connectionsList.join(" and ")} connections${PINNED ? " (servers on core 0, wrk on the last core)" : " (not pinned)"}.`);
    console.log(`${"page".padEnd(9)}${"side".padEnd(30)}${"c".padStart(4)}${"req/s".padStart(9)}${"p50".padStart(8)}${"p95".padStart(8)}${"p99".padStart(8)}${"max".padStart(9)}${"errors".padStart(7)}${"Next µs".padStart(9)}${"proxy µs".padStart(9)}   (latency in ms, CPU per request in µs)`);
    for (const { type, path } of PAGES) {
      const sides: Array<[string, string, number | undefined]> = [
        ["legacy direct", stack.legacyUrl, undefined],
        ["new direct (Next)", stack.nextUrl, undefined],
        ["legacy through proxy", stack.proxies.legacy.url, stack.proxies.legacy.pid],
        ["new through proxy, no cache", stack.proxies.uncached.url, stack.proxies.uncached.pid],
        ["new warm through proxy", stack.proxies.cached.url, stack.proxies.cached.pid],
      ];
      for (const [side, base, pid] of sides) {
        for (const connections of connectionsList) printRow({ page: type, side, connections, ...(await measure(stack, `${base}${path}`, connections, pid)) });
      }
    }
    await measureCold(stack);
  } finally {
    await stack.close();
  }
}

await main();
