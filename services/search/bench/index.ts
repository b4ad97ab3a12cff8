// A search with layered navigation (Venia's search page: 12 items, aggregations) at 50 requests in
// flight, against the sandbox's own search and the search service on both engines, each built from
// the same sandbox. p50/p99 latency and throughput per target, and how each compares to the sandbox.
// Run: `npm run bench -- services/search` (or `node services/search/bench/index.ts`).
import { spawn } from "node:child_process";
import { startSandbox } from "@strangler/magento-sandbox";
import { startService } from "../test/support/search-fixture.ts";

const CONCURRENCY = 50;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8000);
const WARMUP_MS = 1500;
const QUERY = `query Search($search: String!) {
  products(search: $search, pageSize: 12) {
    total_count
    items { sku name url_key small_image { url } price_range { minimum_price { final_price { value currency } } } }
    aggregations { attribute_code label count options { label value count } }
  }
}`;
const PHRASES = ["jacket", "yoga pants", "bag", "hoodie", "womens shorts", "tee", "watch", "duffle bag", "running", "backpack"];
const bodies = PHRASES.map((search) => JSON.stringify({ query: QUERY, variables: { search } }));

interface Row { name: string; requests: number; errors: number; rps: number; p50: number; p99: number }

function load(url: string): Promise<Omit<Row, "name">> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("load-client.ts", import.meta.url).pathname, JSON.stringify({ url, concurrency: CONCURRENCY, durationMs: DURATION_MS, warmupMs: WARMUP_MS, bodies })], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load client exited with ${code}`));
      const { requests, errors, seconds, latenciesMs } = JSON.parse(out) as { requests: number; errors: number; seconds: number; latenciesMs: number[] };
      latenciesMs.sort((a, b) => a - b);
      const at = (q: number) => latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))] ?? Number.NaN;
      resolve({ requests, errors, rps: requests / seconds, p50: at(0.5), p99: at(0.99) });
    });
  });
}

function print(rows: Row[]): void {
  const baseline = rows[0]!;
  console.log(`search with facets, ${CONCURRENCY} in flight, ${DURATION_MS / 1000} s each (${PHRASES.length} phrases in turn)`);
  console.log(`${"target".padEnd(30)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"req/s".padStart(9)}${"errors".padStart(8)}  p50 vs sandbox`);
  for (const row of rows) {
    const ratio = baseline.p50 / row.p50;
    const label = row === baseline ? "baseline" : ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`;
    console.log(`${row.name.padEnd(30)}${row.p50.toFixed(1).padStart(9)}${row.p99.toFixed(1).padStart(9)}${row.rps.toFixed(0).padStart(9)}${String(row.errors).padStart(8)}  ${label}`);
  }
}

const sandbox = await startSandbox();
const orama = await startService({ magentoUrl: sandbox.url, engine: "orama" });
const postgres = await startService({ magentoUrl: sandbox.url, engine: "postgres" });
try {
  const rows: Row[] = [];
  rows.push({ name: "sandbox (Magento stand-in)", ...(await load(`${sandbox.url}/graphql`)) });
  rows.push({ name: "search service, Orama", ...(await load(`${orama.url}/graphql`)) });
  rows.push({ name: "search service, PostgreSQL", ...(await load(`${postgres.url}/graphql`)) });
  print(rows);
} finally {
  await Promise.all([orama.close(), postgres.close()]);
  await sandbox.close();
}
