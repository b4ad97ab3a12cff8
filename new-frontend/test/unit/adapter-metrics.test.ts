// The adapters' events through the new frontend's Prometheus bridge: real adapters over the Magento
// sandbox and a real prom-client registry, read back as Prometheus text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { createAdapters } from "@strangler/adapters";
import type { Adapters } from "@strangler/adapters";
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { createAdapterMetrics } from "../../lib/metrics.ts";

let sandbox: RunningSandbox;
let adapters: Adapters;
const registry = new Registry();
const metrics = createAdapterMetrics(registry);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: "127.0.0.1" });
  adapters = createAdapters({ magentoUrl: sandbox.url, metrics });
});
afterAll(async () => {
  await adapters.close();
  await sandbox.close();
});

describe("adapter metrics", () => {
  it("count cache reads by area and result, and purges by kind, under the shared names", async () => {
    const [a, b] = await Promise.all([adapters.getProductBySku("24-MB01"), adapters.getProductBySku("24-MB01")]);
    expect([a?.name, b?.name]).toEqual(["Joust Duffle Bag", "Joust Duffle Bag"]);
    await adapters.getProductBySku("24-MB01");
    await adapters.purge(["cat_p_1"]);
    await adapters.purgeAll();
    metrics.increment("adapters_cache_redis_errors", { operation: "get", area: "product" });
    const text = await registry.metrics();
    expect(text).toContain('strangler_adapter_cache_total{area="product",result="miss"} 1');
    expect(text).toContain('strangler_adapter_cache_total{area="product",result="joined"} 1');
    expect(text).toContain('strangler_adapter_cache_total{area="product",result="hit"} 1');
    expect(text).toContain('strangler_adapter_purges_total{kind="tags"} 1');
    expect(text).toContain('strangler_adapter_purges_total{kind="all"} 1');
    expect(text).toContain('strangler_adapter_redis_errors_total{area="product"} 1');
  });
});
