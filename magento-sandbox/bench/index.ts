/**
 * Sandbox benchmarks: start-up time against the 2 s budget, then GraphQL throughput for the
 * queries a storefront sends most (product detail, category listing), GET vs POST.
 */
import { startSandbox } from "../src/index.ts";

const START_RUNS = 3;
const START_BUDGET_MS = 2000;
const LOAD_SECONDS = 3;
const CONCURRENCY = 16;

const PRODUCT = `{ products(filter: { url_key: { eq: "chaz-kangeroo-hoodie" } }) { items { uid sku name price_range { minimum_price { final_price { value } } }
  ... on ConfigurableProduct { configurable_options { attribute_code values { uid label } } variants { product { sku } } } } } }`;
const LISTING = `{ products(filter: { category_uid: { eq: "MTQ=" } }, pageSize: 12) { total_count items { sku name small_image { url } }
  aggregations { attribute_code options { value count } } } }`;

async function measureStartup(): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < START_RUNS; run += 1) {
    const started = performance.now();
    const sandbox = await startSandbox();
    times.push(performance.now() - started);
    await sandbox.close();
  }
  return times;
}

/** Requests per second with CONCURRENCY workers for LOAD_SECONDS; fails on any non-200. */
async function measureThroughput(send: () => Promise<Response>): Promise<number> {
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const response = await send();
      if (response.status !== 200) throw new Error(`benchmark request failed with HTTP ${response.status}`);
      await response.arrayBuffer();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done / LOAD_SECONDS;
}

const startup = await measureStartup();
const worst = Math.max(...startup);
console.log("start-up (startSandbox: load sample data + schema + listen)");
console.table({ runs: { "best ms": Math.round(Math.min(...startup)), "worst ms": Math.round(worst), "budget ms": START_BUDGET_MS, "worst / budget": +(worst / START_BUDGET_MS).toFixed(2) } });

const sandbox = await startSandbox();
const endpoint = `${sandbox.url}/graphql`;
const get = (query: string) => () => fetch(`${endpoint}?query=${encodeURIComponent(query)}`);
const post = (query: string) => () => fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
const rows: Record<string, { "GET req/s": number; "POST req/s": number; "POST / GET": number }> = {};
for (const [name, query] of [["product detail (configurable)", PRODUCT], ["category listing + aggregations", LISTING]] as const) {
  const getRate = await measureThroughput(get(query));
  const postRate = await measureThroughput(post(query));
  rows[name] = { "GET req/s": Math.round(getRate), "POST req/s": Math.round(postRate), "POST / GET": +(postRate / getRate).toFixed(2) };
}
await sandbox.close();
console.log(`GraphQL throughput (${CONCURRENCY} concurrent clients, ${LOAD_SECONDS} s each)`);
console.table(rows);
if (worst > START_BUDGET_MS) {
  console.error(`start-up ${Math.round(worst)} ms is over the ${START_BUDGET_MS} ms budget`);
  process.exitCode = 1;
}
