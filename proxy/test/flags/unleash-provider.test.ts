import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFlagProvider, createFlagsAdminRouter, type FlagsConfig, type ManagedFlagProvider, type Rollout } from "../../src/flags/index.ts";
import { featuresPayload, toggle } from "./support/unleash-payloads.ts";
import { requestJson, startRouterServer, waitUntil } from "./support/http.ts";

// One origin per test: a destroyed client's fetch still retrying must not consume the next test's answers.
let testNumber = 0;
let ORIGIN = "http://unleash-0.test";
const FLAG = "strangler.product-pages";
const ROLLOUT: Rollout = { percentage: 0, stickiness: "sessionId" };
const REFRESH_MS = 150;
const TIMEOUT_MS = 1000;
const sessions = Array.from({ length: 200 }, (_, i) => `nock-${i}`);

function configFor(stateDir: string, extra: Partial<FlagsConfig> = {}): FlagsConfig {
  return {
    unleash: { url: `${ORIGIN}/api`, apiToken: "*:development.secret", appName: "strangler-test", timeoutMs: TIMEOUT_MS, metrics: false },
    refreshMs: REFRESH_MS,
    stateDir,
    redisKeyPrefix: "unused:",
    ...extra,
  };
}

function decisions(provider: ManagedFlagProvider): boolean[] {
  return sessions.map((sessionId) => provider.evaluate(FLAG, { sessionId }, ROLLOUT).enabled);
}

const sourceOf = (provider: ManagedFlagProvider) => provider.evaluate(FLAG, { sessionId: "probe" }, ROLLOUT).source;
const features = () => nock(ORIGIN).get("/api/client/features");

describe("Unleash provider against the client API (nock)", () => {
  let dir: string;
  const providers: ManagedFlagProvider[] = [];
  const start = async (config: FlagsConfig, startupWaitMs = 1500) => {
    const provider = await createFlagProvider(config, { startupWaitMs });
    providers.push(provider);
    return provider;
  };

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ORIGIN = `http://unleash-${++testNumber}.test`;
    dir = await mkdtemp(join(tmpdir(), "strangler-unleash-"));
  });
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.close()));
    nock.cleanAll();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers from Unleash with the token, and revalidates with the ETag (304 keeps the state)", async () => {
    features().matchHeader("authorization", "*:development.secret").reply(200, featuresPayload(toggle(FLAG, { rollout: 30 })), { ETag: '"rev-1"' });
    const revalidated = features().matchHeader("if-none-match", '"rev-1"').times(3).reply(304);
    const provider = await start(configFor(dir));
    const first = decisions(provider);
    expect(sourceOf(provider)).toBe("unleash");
    expect(first.filter(Boolean).length).toBeGreaterThan(30);
    expect(first.filter(Boolean).length).toBeLessThan(90);
    await waitUntil(() => revalidated.isDone(), 3000);
    expect(sourceOf(provider)).toBe("unleash");
    expect(decisions(provider)).toEqual(first);
  });

  it("applies a change on the next poll", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 0 })), { ETag: '"a"' });
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })), { ETag: '"b"' });
    features().times(20).reply(304);
    const provider = await start(configFor(dir));
    expect(decisions(provider).some(Boolean)).toBe(false);
    await waitUntil(() => decisions(provider).every(Boolean), REFRESH_MS * 4);
  });

  it("keeps answering from the last state through 5xx, as unleash-saved, then recovers", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 50 })), { ETag: '"a"' });
    features().times(3).reply(503, "Service Unavailable");
    const provider = await start(configFor(dir));
    const known = decisions(provider);
    await waitUntil(() => sourceOf(provider) === "unleash-saved", 5000);
    expect(decisions(provider)).toEqual(known);
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })), { ETag: '"b"' });
    features().times(50).reply(304);
    await waitUntil(() => sourceOf(provider) === "unleash" && decisions(provider).every(Boolean), 15_000);
  });

  it("keeps the last state when the token is refused (401) and never flips shoppers", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 50 })), { ETag: '"a"' });
    const refused = features().reply(401, { message: "invalid token" });
    const provider = await start(configFor(dir));
    const known = decisions(provider);
    await waitUntil(() => refused.isDone() && sourceOf(provider) === "unleash-saved", 3000);
    expect(decisions(provider)).toEqual(known);
  });

  it("uses the plan's rollout when the first answer is a 401 and nothing was saved", async () => {
    features().reply(401, { message: "invalid token" });
    const provider = await start(configFor(dir));
    expect(provider.ready()).toBe(false);
    const evaluation = provider.evaluate(FLAG, { sessionId: "x" }, { percentage: 100, stickiness: "sessionId" });
    expect(evaluation).toEqual({ enabled: true, source: "plan-rollout", split: false });
  });

  it("turns unleash-saved while answers are slower than the timeout, without changing any decision", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 50 })), { ETag: '"a"' });
    // nock does not delay bodiless answers, so the slow answer carries a body.
    features().times(30).delay(TIMEOUT_MS * 3).reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })));
    const provider = await start(configFor(dir));
    const known = decisions(provider);
    await waitUntil(() => sourceOf(provider) === "unleash-saved", 5000);
    expect(decisions(provider)).toEqual(known);
  });

  it("turns unleash-saved when the server vanishes (connection refused / reset)", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 50 })), { ETag: '"a"' });
    features().times(10).replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" });
    features().times(10).replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    const provider = await start(configFor(dir));
    const known = decisions(provider);
    await waitUntil(() => sourceOf(provider) === "unleash-saved", 5000);
    expect(decisions(provider)).toEqual(known);
  });

  it("answers the plan's rollout before the first sync, then Unleash", async () => {
    features().delay(600).reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })), { ETag: '"a"' });
    features().times(20).reply(304);
    const provider = await start(configFor(dir), 50);
    expect(provider.evaluate(FLAG, { sessionId: "s" }, ROLLOUT)).toEqual({ enabled: false, source: "plan-rollout", split: false });
    await waitUntil(() => sourceOf(provider) === "unleash", 3000);
    expect(decisions(provider).every(Boolean)).toBe(true);
  });

  it("sends an unknown flag to legacy", async () => {
    features().reply(200, featuresPayload(toggle(FLAG)), { ETag: '"a"' });
    features().times(20).reply(304);
    const provider = await start(configFor(dir));
    expect(provider.evaluate("strangler.nobody", { sessionId: "s" }, { percentage: 100, stickiness: "sessionId" })).toEqual({ enabled: false, source: "unknown" });
  });

  it("maps store code, page type, device and customer group into constraints", async () => {
    const constraints = [
      { contextName: "storeCode", operator: "IN", values: ["default"] },
      { contextName: "pageType", operator: "IN", values: ["PRODUCT"] },
      { contextName: "device", operator: "IN", values: ["mobile"] },
      { contextName: "customerGroup", operator: "NOT_IN", values: ["2"] }, // Magento's group ids: 2 = Wholesale
    ];
    features().reply(200, featuresPayload(toggle(FLAG, { constraints })), { ETag: '"a"' });
    features().times(20).reply(304);
    const provider = await start(configFor(dir));
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
    const base = { sessionId: "s", storeCode: "default", pageType: "PRODUCT", userAgent: iphone, customerGroup: "1" };
    expect(provider.evaluate(FLAG, base, ROLLOUT).enabled).toBe(true);
    expect(provider.evaluate(FLAG, { ...base, storeCode: "fr" }, ROLLOUT).enabled).toBe(false);
    expect(provider.evaluate(FLAG, { ...base, pageType: "CATEGORY" }, ROLLOUT).enabled).toBe(false);
    expect(provider.evaluate(FLAG, { ...base, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120" }, ROLLOUT).enabled).toBe(false);
    expect(provider.evaluate(FLAG, { ...base, customerGroup: "2" }, ROLLOUT).enabled).toBe(false);
  });

  it("names the upstream by the variant's payload, or its name", async () => {
    const variants = [
      { name: "next-a", weight: 500, payload: { type: "string", value: "new-frontend" } },
      { name: "catalog-service", weight: 500 },
    ];
    features().reply(200, featuresPayload(toggle(FLAG, { variants })), { ETag: '"a"' });
    features().times(20).reply(304);
    const provider = await start(configFor(dir));
    const seen = new Set(sessions.map((sessionId) => provider.evaluate(FLAG, { sessionId }, ROLLOUT).variant));
    expect(seen).toEqual(new Set(["new-frontend", "catalog-service"]));
    const one = provider.evaluate(FLAG, { sessionId: "stable" }, ROLLOUT);
    expect(provider.evaluate(FLAG, { sessionId: "stable" }, ROLLOUT)).toEqual(one);
  });

  it("starts from the saved state on disk while Unleash is down", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 50 })), { ETag: '"a"' });
    features().times(20).reply(304);
    const first = await start(configFor(dir));
    const known = decisions(first);
    await waitUntil(async () => (await readdir(dir)).some((file) => file.startsWith("unleash-state-")), 2000);
    await first.close();
    nock.cleanAll();
    features().times(30).reply(503);
    const restarted = await start(configFor(dir));
    expect(restarted.ready()).toBe(true);
    expect(sourceOf(restarted)).toBe("unleash-saved");
    expect(decisions(restarted)).toEqual(known);
  });

  it("starts from the saved state in Redis when REDIS_URL is set", async () => {
    const prefix = `strangler-test:${process.pid}:${Date.now()}:`;
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 50 })), { ETag: '"a"' });
    features().times(20).reply(304);
    const first = await start(configFor(dir, { redisUrl, redisKeyPrefix: prefix }));
    const known = decisions(first);
    const redis = new Redis(redisUrl);
    try {
      await waitUntil(async () => (await redis.exists(`${prefix}unleash-state:strangler-test`)) === 1, 2000);
      await first.close();
      nock.cleanAll();
      features().times(30).replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" });
      const otherDir = await mkdtemp(join(tmpdir(), "strangler-unleash-other-"));
      const restarted = await start(configFor(otherDir, { redisUrl, redisKeyPrefix: prefix }));
      expect(sourceOf(restarted)).toBe("unleash-saved");
      expect(decisions(restarted)).toEqual(known);
      await rm(otherDir, { recursive: true, force: true });
    } finally {
      await redis.del(`${prefix}unleash-state:strangler-test`);
      redis.disconnect();
    }
  });

  it("stays fresh (source unleash) when the saved state cannot be written because Redis is down", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })), { ETag: '"a"' });
    features().times(40).reply(304);
    const provider = await start(configFor(dir, { redisUrl: "redis://127.0.0.1:1", redisKeyPrefix: "nowhere:" }));
    expect(provider.ready()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS * 3));
    expect(sourceOf(provider)).toBe("unleash");
    expect(decisions(provider).every(Boolean)).toBe(true);
  });

  it("kills a flag through the admin API over Unleash's answer, and refuses percentage edits (409)", async () => {
    features().reply(200, featuresPayload(toggle(FLAG, { rollout: 100 })), { ETag: '"a"' });
    features().times(40).reply(304);
    const provider = await start(configFor(dir));
    const server = await startRouterServer("/flags", createFlagsAdminRouter(provider, [{ id: "product-pages", flag: FLAG, rollout: ROLLOUT }]));
    try {
      const put = await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", body: { percentage: 5 } });
      expect(put.status).toBe(409);
      expect(put.body.message).toBe(
        `flag "${FLAG}" is managed by Unleash at ${ORIGIN}/api: change it there (or run \`strangler flags sync\`); only POST /flags/${FLAG}/kill works here`,
      );
      const killed = await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "POST" });
      expect(killed.body).toMatchObject({ mode: "unleash", killed: true, unleash: { enabled: true } });
      expect(provider.evaluate(FLAG, { sessionId: "s" }, ROLLOUT)).toEqual({ enabled: false, source: "local" });
      await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "DELETE" });
      expect(provider.evaluate(FLAG, { sessionId: "s" }, ROLLOUT)).toEqual({ enabled: true, source: "unleash", split: false });
    } finally {
      await server.close();
    }
  });
});
