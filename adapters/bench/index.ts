// getProduct on a warm cache (memory LRU, Redis) beside the uncached adapter call and the
// sandbox's GraphQL called directly. Sequential calls, hrtime per call; p50/p99 and ratios to
// the direct GraphQL call. Run: `npm run bench -- adapters` (or `node adapters/bench/index.ts`).
import { randomUUID } from "node:crypto";
import { startSandbox } from "@strangler/magento-sandbox";
import { createAdapters } from "../src/index.ts";
import { productQuery } from "../src/magento/queries/products.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const urlKey = "joust-duffle-bag";

interface Row {
  name: string;
  p50: number;
  p99: number;
  mean: number;
}

async function measure(name: string, iterations: number, run: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < Math.min(50, iterations); i += 1) await run(); // warm-up (JIT, sockets, cache)
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

function print(rows: Row[], baseline: Row): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (n: number) => n.toFixed(3).padStart(9);
  console.log(`${pad("getProduct (joust-duffle-bag)", 34)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"mean ms".padStart(9)}  p50 vs GraphQL direct`);
  for (const row of rows) {
    const ratio = baseline.p50 / row.p50;
    const label = row === baseline ? "1.0x (baseline)" : ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`;
    console.log(`${pad(row.name, 34)}${num(row.p50)}${num(row.p99)}${num(row.mean)}  ${label}`);
  }
}

const sandbox = await startSandbox();
const variables = encodeURIComponent(JSON.stringify({ filter: { url_key: { eq: urlKey } } }));
const directUrl = `${sandbox.url}/graphql?query=${encodeURIComponent(productQuery)}&variables=${variables}`;
const quiet = { warn: () => {} };
const uncached = createAdapters({ magentoUrl: sandbox.url, cache: false, logger: quiet });
const memory = createAdapters({ magentoUrl: sandbox.url, logger: quiet });
const redis = createAdapters({ magentoUrl: sandbox.url, redisUrl, redisKeyPrefix: `strangler:bench:adapters:${randomUUID()}:`, logger: quiet });
const redisReady = await redis.ready();

const rows: Row[] = [];
rows.push(await measure("sandbox GraphQL direct (fetch GET)", 300, async () => (await fetch(directUrl, { headers: { Store: "default" } })).json()));
rows.push(await measure("adapters, no cache", 300, () => uncached.getProductByUrlKey(urlKey)));
rows.push(await measure("adapters, warm memory LRU", 20_000, () => memory.getProductByUrlKey(urlKey)));
if (redisReady) rows.push(await measure("adapters, warm Redis", 3_000, () => redis.getProductByUrlKey(urlKey)));
else console.log(`Redis at ${redisUrl} not reachable: Redis row skipped`);
print(rows, rows[0]!);

await redis.purgeAll();
await Promise.all([uncached.close(), memory.close(), redis.close()]);
await sandbox.close();
