// Kills a private redis-server mid-run: reads keep working (straight from Magento, no error to the
// caller, a metric and a warning) and the cache comes back after a restart.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CacheUnavailableError, createAdapters, createPurgeHandler, startPurgeServer } from "../../src/index.ts";
import type { Adapters, PurgeServer } from "../../src/index.ts";
import { createCounterMetrics } from "../../src/observability.ts";
import { createRecordingLogger } from "../support/doubles.ts";
import { startFakeMagento } from "../support/fake-magento.ts";
import type { FakeMagento } from "../support/fake-magento.ts";
import { startOwnRedis } from "../support/own-redis.ts";
import type { OwnRedis } from "../support/own-redis.ts";
import { uniquePrefix } from "../support/redis.ts";

let redis: OwnRedis;
let magento: FakeMagento;
let adapters: Adapters;
const logger = createRecordingLogger();
const metrics = createCounterMetrics();
const revalidated: string[][] = [];
let purgeServer: PurgeServer;

beforeAll(async () => {
  redis = await startOwnRedis();
  magento = await startFakeMagento();
  adapters = createAdapters({ magentoUrl: magento.url, redisUrl: redis.url, redisKeyPrefix: uniquePrefix("outage"), logger, metrics });
  expect(await adapters.ready()).toBe(true);
});

afterAll(async () => {
  await adapters.close();
  await redis.kill();
  await magento.close();
});

describe("Redis outage", () => {
  it("serves from Redis while it is up", async () => {
    expect((await adapters.getProductBySku("24-MB01"))?.name).toBe("Joust Duffle Bag");
    expect((await adapters.getProductBySku("24-MB01"))?.name).toBe("Joust Duffle Bag");
    expect(magento.calls()).toBe(1);
  });

  it("keeps answering from Magento after redis-server is killed, with a metric and a warning", async () => {
    await redis.kill();
    const product = await adapters.getProductBySku("24-MB01");
    expect(product?.sku).toBe("24-MB01");
    expect(await adapters.getProductBySku("24-MB01")).toEqual(product);
    expect(magento.calls()).toBe(3);
    expect(logger.warnings).toContain("Redis unavailable, serving without the shared cache");
    const errors = Object.entries(metrics.snapshot()).filter(([name]) => name.startsWith("adapters_cache_redis_errors"));
    expect(errors.length).toBeGreaterThan(0);
    // A failed read names the area it was for (the metrics' `area` label).
    expect(metrics.snapshot()["adapters_cache_redis_errors{operation=get,area=product}"]).toBeGreaterThan(0);
  });

  it("answers a purge while Redis is down with 503, not a false success, and tells the frontend anyway", async () => {
    await expect(adapters.purge(["cat_p_1"])).rejects.toBeInstanceOf(CacheUnavailableError);
    // Retries every 200 ms for up to 20 s: the next test brings Redis back meanwhile.
    const handler = createPurgeHandler({ cache: adapters, logger, metrics, retryDelaysMs: Array.from({ length: 100 }, () => 200), onPurged: (tags) => void revalidated.push(tags) });
    purgeServer = await startPurgeServer({ port: 0, handler });
    const res = await fetch(purgeServer.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))" } });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "purge failed: The shared cache is unavailable; purge did not happen", retrying: true });
    expect(revalidated).toEqual([["cat_p_1"]]);
  });

  it("completes the retried purge once redis-server is back, tells the frontend again, and uses the cache again", async () => {
    await redis.start();
    expect(await adapters.ready(10_000)).toBe(true);
    await vi.waitFor(() => expect(revalidated).toEqual([["cat_p_1"], ["cat_p_1"]]), { timeout: 10_000, interval: 50 });
    await purgeServer.close();
    await adapters.getProductBySku("24-MB01");
    await adapters.getProductBySku("24-MB01");
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(4);
  });
});
