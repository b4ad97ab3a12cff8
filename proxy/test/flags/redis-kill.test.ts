// Unleash mode with REDIS_URL: a kill switch set through one instance's admin API reaches another
// instance that shares only Redis (not FLAG_STATE_DIR) within the refresh interval.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlagProvider, createFlagsAdminRouter, type FlagsConfig, type ManagedFlagProvider } from "../../src/flags/index.ts";
import { requestJson, startRouterServer, waitUntil } from "./support/http.ts";
import { featuresPayload, toggle } from "./support/unleash-payloads.ts";

const ORIGIN = "http://unleash-redis-kill.test";
const FLAG = "strangler.product-pages";
const ROLLOUT = { percentage: 0, stickiness: "sessionId" } as const;
const REFRESH_MS = 150;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `strangler-kill-test:${process.pid}:${Date.now()}:`;

describe("kill switch shared through Redis", () => {
  const dirs: string[] = [];
  const providers: ManagedFlagProvider[] = [];

  const start = async (): Promise<ManagedFlagProvider> => {
    const dir = await mkdtemp(join(tmpdir(), "strangler-kill-"));
    dirs.push(dir);
    const config: FlagsConfig = {
      unleash: { url: `${ORIGIN}/api`, apiToken: "t", appName: "kill-test", timeoutMs: 1000, metrics: false },
      refreshMs: REFRESH_MS,
      stateDir: dir,
      redisUrl: REDIS_URL,
      redisKeyPrefix: PREFIX,
    };
    const provider = await createFlagProvider(config, { startupWaitMs: 1500 });
    providers.push(provider);
    return provider;
  };

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    nock(ORIGIN).get("/api/client/features").times(2).reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })), { ETag: '"a"' });
    nock(ORIGIN).get("/api/client/features").times(200).reply(304);
  });

  afterAll(async () => {
    await Promise.all(providers.map((provider) => provider.close()));
    nock.cleanAll();
    nock.enableNetConnect();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("kills on every instance within a refresh, and lifts it the same way", async () => {
    const [first, second] = [await start(), await start()];
    const server = await startRouterServer("/flags", createFlagsAdminRouter(first, [{ id: "product-pages", flag: FLAG, rollout: ROLLOUT }]));
    try {
      expect(second.evaluate(FLAG, { sessionId: "s" }, ROLLOUT)).toEqual({ enabled: true, source: "unleash", split: false });
      expect((await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "POST" })).body).toMatchObject({ killed: true });
      expect(first.evaluate(FLAG, { sessionId: "s" }, ROLLOUT)).toEqual({ enabled: false, source: "local" });
      const killedAfter = await waitUntil(() => !second.evaluate(FLAG, { sessionId: "s" }, ROLLOUT).enabled, REFRESH_MS * 10, 10);
      expect(killedAfter).toBeLessThanOrEqual(REFRESH_MS + 10 + 50);
      expect(second.getFlag(FLAG)).toMatchObject({ killed: true, local: { enabled: false } });

      await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "DELETE" });
      await waitUntil(() => second.evaluate(FLAG, { sessionId: "s" }, ROLLOUT).enabled, REFRESH_MS * 10, 10);
      expect(second.evaluate(FLAG, { sessionId: "s" }, ROLLOUT)).toEqual({ enabled: true, source: "unleash", split: false });
    } finally {
      await server.close();
    }
  });
});
