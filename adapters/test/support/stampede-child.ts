// One shopper-facing process for the cross-process stampede test: its own adapters on the shared
// Redis, a burst of identical reads when the parent says "go" (so all processes miss together), then
// one JSON line with what it got. Env: MAGENTO_URL, REDIS_URL, REDIS_KEY_PREFIX, BURST.
import { createInterface } from "node:readline";
import { createAdapters } from "../../src/index.ts";

const env = process.env;
const adapters = createAdapters({ magentoUrl: env.MAGENTO_URL!, redisUrl: env.REDIS_URL!, redisKeyPrefix: env.REDIS_KEY_PREFIX!, logger: { warn: () => {} } });
if (!(await adapters.ready())) throw new Error("stampede child: Redis not ready");
console.log("ready");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== "go") continue;
  const burst = Number(env.BURST);
  const products = await Promise.all(Array.from({ length: burst }, () => adapters.getProductByUrlKey("joust-duffle-bag")));
  console.log(JSON.stringify({ skus: [...new Set(products.map((p) => p?.sku))], count: products.length }));
  break;
}
lines.close();
await adapters.close();
