// Against a REAL Unleash (npm unleash-server on the machine's PostgreSQL, fresh database per run), started
// once for this file: the CLI creates the toggles, then a rollout 0 → 30 → 100 % must reach providers and
// proxies within the refresh interval, move shoppers only in the step's direction, identically on every
// instance; and with Unleash gone, a fresh provider or proxy must start from the saved state.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { findPlanStrategy } from "../../src/cli/plan-strategy.ts";
import { createUnleashAdminClient, type UnleashAdminClient } from "../../src/cli/unleash-admin-client.ts";
import { createFlagProvider, flagsEnvSchema, getBucket, type FlagsConfig, type ManagedFlagProvider, type Rollout } from "../../src/flags/index.ts";
import { createProxy, loadConfig, type RunningProxy } from "../../src/index.ts";
import { startUnleash, type RunningUnleash } from "./support/unleash-server.ts";
import { readClientFeatures, setStrategyRollout, waitUntilUnleashServes, type ServedToggle } from "./support/unleash-rollout.ts";
import { startNamedUpstream } from "./support/upstreams.ts";
import { waitUntil } from "./support/http.ts";
import { captureIo, createShoppers, readSide, readSides } from "./support/shoppers.ts";

const REFRESH_MS = 1000;
const POLL_MS = 50;
// From the moment Unleash serves a change: one refresh interval, one poll of ours, plus Unleash's answer
// time, since unleash-client schedules the next fetch after the previous one finished and Unleash answers
// the first fetch after a change slowly (it rebuilds its client cache: 200-400 ms measured on 2 cores).
const APPLY_BOUND_MS = REFRESH_MS + POLL_MS + 500;
// Unleash itself publishes admin changes to its client API on a 1 s schedule (updateMaxRevisionId).
const UNLEASH_PUBLISH_MS = 1000;
const FLAG = "strangler.rollout-check";
const ROLLOUT: Rollout = { percentage: 0, stickiness: "sessionId" };
const shoppers = createShoppers(1000, "shopper");
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = `strangler-it:${process.pid}:${Date.now()}:`;
const ADMIN_TOKEN = "integration-admin-token-0123456789";

const PLANS = {
  "rollout-check.yaml": "id: rollout-check\ntarget: new-frontend\nmatch:\n  - path: /rollout/**\nflag: strangler.rollout-check\nrollout: { percentage: 0, stickiness: sessionId }\n",
  "signed-in-check.yaml": "id: signed-in-check\ntarget: new-frontend\nmatch:\n  - path: /signed/**\nrollout: { percentage: 25, stickiness: random }\n",
};

function expectedSides(percentage: number): boolean[] {
  return shoppers.map((sessionId) => percentage > 0 && getBucket(FLAG, sessionId) <= percentage);
}

function sidesOf(provider: ManagedFlagProvider): boolean[] {
  return shoppers.map((sessionId) => provider.evaluate(FLAG, { sessionId }, ROLLOUT).enabled);
}

const sideThroughProxy = (proxy: RunningProxy, sessionId: string) => readSide(proxy.shopUrl, `/rollout/page-${sessionId}`, sessionId);
const sidesThroughProxy = (proxy: RunningProxy, sessionIds = shoppers) => readSides(proxy.shopUrl, sessionIds, (sessionId) => `/rollout/page-${sessionId}`);

describe("flags against a real Unleash server", () => {
  let unleash: RunningUnleash;
  let admin: UnleashAdminClient;
  let plansDir: string;
  const dirs: string[] = [];
  const providers: ManagedFlagProvider[] = [];
  const proxies: RunningProxy[] = [];
  const upstreams: Array<{ url: string; close(): Promise<void> }> = [];

  const tempDir = async (name: string) => {
    const dir = await mkdtemp(join(tmpdir(), `strangler-it-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const cliEnv = (extra: Record<string, string> = {}) => ({
    UNLEASH_URL: unleash.apiUrl,
    UNLEASH_ADMIN_TOKEN: unleash.adminToken,
    PLANS_DIR: plansDir,
    ...extra,
  });
  const providerConfig = (stateDir: string, redis: boolean): FlagsConfig => ({
    unleash: { url: unleash.apiUrl, apiToken: unleash.clientToken, appName: "strangler-it", timeoutMs: 1000, metrics: false },
    refreshMs: REFRESH_MS,
    stateDir,
    redisKeyPrefix: REDIS_PREFIX,
    ...(redis ? { redisUrl: REDIS_URL } : {}),
  });
  const startProvider = async (stateDir: string, redis: boolean) => {
    const provider = await createFlagProvider(providerConfig(stateDir, redis), { startupWaitMs: 5000 });
    providers.push(provider);
    return provider;
  };
  const startProxy = async (stateDir: string, extraEnv: Record<string, string> = {}) => {
    const [legacy, fresh] = upstreams;
    const env = {
      ...extraEnv,
      PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, LOG_LEVEL: "silent",
      LEGACY_URL: legacy!.url, NEW_FRONTEND_URL: fresh!.url, PLANS_DIR: plansDir,
      UNLEASH_URL: unleash.apiUrl, UNLEASH_API_TOKEN: unleash.clientToken, UNLEASH_APP_NAME: "strangler-it-proxy",
      UNLEASH_METRICS: "false", FLAG_REFRESH_MS: String(REFRESH_MS), FLAG_STATE_DIR: stateDir, SHUTDOWN_TIMEOUT_MS: "2000",
    };
    const proxy = await createProxy(loadConfig(env, flagsEnvSchema), { defaultMetrics: false });
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    unleash = await startUnleash();
    admin = createUnleashAdminClient(unleash.apiUrl, unleash.adminToken);
    plansDir = await tempDir("plans");
    for (const [file, text] of Object.entries(PLANS)) await writeFile(join(plansDir, file), text);
    upstreams.push(await startNamedUpstream("legacy"), await startNamedUpstream("new"));
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled(proxies.map((proxy) => proxy.close()));
    await Promise.allSettled(providers.map((provider) => provider.close()));
    await Promise.allSettled(upstreams.map((upstream) => upstream.close()));
    await unleash?.stop();
    await unleash?.dropDatabase();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${REDIS_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }, 30_000);

  it("CLI: sync creates one toggle per plan, a second run changes nothing, status shows them", async () => {
    const before = captureIo(cliEnv());
    expect(await runCli(["flags", "status"], before.io)).toBe(0);
    expect(before.out.join("\n")).toMatch(/strangler\.rollout-check\s+rollout-check\s+no\s/);

    const first = captureIo(cliEnv());
    expect(await runCli(["flags", "sync"], first.io)).toBe(0);
    expect(first.out).toEqual([
      "strangler.rollout-check (plan rollout-check): created — development: rollout 0% by sessionId",
      "strangler.signed-in-check (plan signed-in-check): created — development: rollout 25% by random",
      "2 created, 0 updated, 0 unchanged, 0 failed",
    ]);
    const signedIn = await admin.getFeature("default", "strangler.signed-in-check");
    const development = signedIn!.environments.find((env) => env.name === "development")!;
    expect(development.enabled).toBe(true);
    expect(findPlanStrategy(development.strategies)?.parameters).toEqual({ rollout: "25", stickiness: "random", groupId: "strangler.signed-in-check" });

    const second = captureIo(cliEnv());
    expect(await runCli(["flags", "sync"], second.io)).toBe(0);
    expect(second.out.at(-1)).toBe("0 created, 0 updated, 2 unchanged, 0 failed");

    await writeFile(join(plansDir, "signed-in-check.yaml"), PLANS["signed-in-check.yaml"].replace("25", "40"));
    const edited = captureIo(cliEnv());
    expect(await runCli(["flags", "sync"], edited.io)).toBe(0);
    expect(edited.out).toContain("strangler.signed-in-check (plan signed-in-check): updated — development: rollout 25% → 40% by random");

    const status = captureIo(cliEnv());
    expect(await runCli(["flags", "status"], status.io)).toBe(0);
    expect(status.out.join("\n")).toMatch(/strangler\.rollout-check\s+rollout-check\s+yes\s+development\s+on\s+0%\s+sessionId\s+0% sessionId\s+yes/);
    expect(status.out.join("\n")).toMatch(/strangler\.signed-in-check\s+signed-in-check\s+yes\s+development\s+on\s+40%\s+random\s+40% random\s+yes/);
  });

  it("CLI: the real bin says what failed and why, and exits non-zero, on a bad token", async () => {
    const bin = join(import.meta.dirname, "../../bin/strangler.ts");
    const result = await promisify(execFile)(process.execPath, [bin, "flags", "sync"], { env: { ...process.env, ...cliEnv({ UNLEASH_ADMIN_TOKEN: "not-a-token" }) } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`FAILED strangler.rollout-check (plan rollout-check): GET ${unleash.apiUrl}/admin/projects/default/features/strangler.rollout-check → HTTP 401: `);
    expect(result.stderr).toContain("(check UNLEASH_ADMIN_TOKEN: it must be an admin API token or a personal access token)");
    expect(result.stderr).toContain("0 created, 0 updated, 0 unchanged, 1 failed, 1 not tried");
  });
  const setRollout = (percentage: number) => setStrategyRollout(admin, FLAG, percentage);
  const fetchClientFeatures = () => readClientFeatures(unleash, FLAG);
  const waitUntilServed = (etag: string | null, check: (toggle: ServedToggle) => boolean) => waitUntilUnleashServes(unleash, FLAG, etag, check);

  it("rolls out 0 → 30 → 100 %: providers and proxies follow within the refresh interval, only forward, identically", async () => {
    const [providerA, providerB] = [await startProvider(await tempDir("a"), false), await startProvider(await tempDir("b"), true)];
    const [proxyA, proxyB] = [await startProxy(await tempDir("proxy-a")), await startProxy(await tempDir("proxy-b"))];
    expect(providerA.evaluate(FLAG, { sessionId: shoppers[0]! }, ROLLOUT).source).toBe("unleash");
    let previous = expectedSides(0);
    expect(sidesOf(providerA)).toEqual(previous);
    expect(await sidesThroughProxy(proxyA)).toEqual(previous);

    for (const percentage of [30, 100]) {
      const expected = expectedSides(percentage);
      // A shopper who moves in this step tells, cheaply, when each proxy has the change.
      const sentinel = shoppers[expected.findIndex((side, i) => side && !previous[i])]!;
      const { etag } = await fetchClientFeatures();
      await setRollout(percentage);
      const [servedAfter, appliedA, appliedB, proxiedA, proxiedB] = await Promise.all([
        waitUntilServed(etag, (toggle) => toggle.strategies[0]?.parameters?.rollout === String(percentage)),
        waitUntil(() => sidesOf(providerA).every((side, i) => side === expected[i]), 10_000, POLL_MS),
        waitUntil(() => sidesOf(providerB).every((side, i) => side === expected[i]), 10_000, POLL_MS),
        waitUntil(() => sideThroughProxy(proxyA, sentinel), 10_000, POLL_MS),
        waitUntil(() => sideThroughProxy(proxyB, sentinel), 10_000, POLL_MS),
      ]);
      // Within one refresh of Unleash serving it (see APPLY_BOUND_MS); Unleash's own lag is its business.
      for (const applied of [appliedA, appliedB, proxiedA, proxiedB]) expect(applied - servedAfter).toBeLessThanOrEqual(APPLY_BOUND_MS);
      // And from the admin call: Unleash's publishing delay plus the same bound.
      for (const applied of [appliedA, appliedB, proxiedA, proxiedB]) expect(applied).toBeLessThanOrEqual(UNLEASH_PUBLISH_MS + APPLY_BOUND_MS);

      const [sidesA, sidesB, viaProxyA, viaProxyB] = [sidesOf(providerA), sidesOf(providerB), await sidesThroughProxy(proxyA), await sidesThroughProxy(proxyB)];
      expect(sidesA).toEqual(expected);
      expect(sidesB).toEqual(sidesA);
      expect(viaProxyA).toEqual(sidesA);
      expect(viaProxyB).toEqual(sidesA);
      // Rising: nobody goes back to legacy.
      expect(sidesA.filter((side, i) => previous[i] && !side)).toEqual([]);
      const onNew = sidesA.filter(Boolean).length;
      if (percentage === 30) expect(onNew).toBeGreaterThan(250);
      if (percentage === 30) expect(onNew).toBeLessThan(350);
      if (percentage === 100) expect(onNew).toBe(1000);
      previous = sidesA;
    }
    expect(new Set(shoppers.map((sessionId) => providerB.evaluate(FLAG, { sessionId }, ROLLOUT).source))).toEqual(new Set(["unleash"]));
  }, 60_000);

  it("kill switch: turning the flag off in Unleash sends everyone to legacy within one refresh", async () => {
    const [provider] = providers;
    const project = `${unleash.apiUrl}/admin/projects/default/features/${FLAG}/environments/development`;
    for (const [action, everyone] of [["off", false], ["on", true]] as const) {
      const { etag } = await fetchClientFeatures();
      const response = await fetch(`${project}/${action}`, { method: "POST", headers: { Authorization: unleash.adminToken } });
      expect(response.status).toBe(200);
      const sample = shoppers.slice(0, 100);
      const [servedAfter, appliedAfter, proxiedAfter] = await Promise.all([
        waitUntilServed(etag, (toggle) => toggle.enabled === everyone),
        waitUntil(() => sidesOf(provider!).every((side) => side === everyone), 10_000, POLL_MS),
        waitUntil(async () => (await sidesThroughProxy(proxies[0]!, sample)).every((side) => side === everyone), 10_000, POLL_MS),
      ]);
      expect(appliedAfter - servedAfter).toBeLessThanOrEqual(APPLY_BOUND_MS);
      expect(proxiedAfter - servedAfter).toBeLessThanOrEqual(APPLY_BOUND_MS);
    }
  }, 30_000);

  it("variants name the upstream and constraints use store code and device, as Unleash configured them, and the proxy routes by them", async () => {
    const name = "strangler.variant-check";
    await admin.createFeature("default", { name, description: "two new targets" });
    await admin.addStrategy("default", name, "development", {
      name: "flexibleRollout",
      parameters: { rollout: "100", stickiness: "sessionId", groupId: name },
      constraints: [{ contextName: "storeCode", operator: "IN", values: ["default"] }, { contextName: "device", operator: "NOT_IN", values: ["bot"] }],
      variants: [
        { name: "next", weight: 500, weightType: "variable", stickiness: "sessionId", payload: { type: "string", value: "new-frontend" } },
        { name: "catalog-service", weight: 500, weightType: "variable", stickiness: "sessionId" },
      ],
    });
    await admin.enable("default", name, "development");
    const provider = providers[0]!;
    const sample = shoppers.slice(0, 200);
    await waitUntil(() => provider.evaluate(name, { sessionId: sample[0]!, storeCode: "default" }, ROLLOUT).source === "unleash" && provider.evaluate(name, { sessionId: sample[0]!, storeCode: "default" }, ROLLOUT).enabled, 10_000, POLL_MS);
    const variants = sample.map((sessionId) => provider.evaluate(name, { sessionId, storeCode: "default" }, ROLLOUT).variant);
    const counts = { "new-frontend": variants.filter((v) => v === "new-frontend").length, "catalog-service": variants.filter((v) => v === "catalog-service").length };
    expect(counts["new-frontend"] + counts["catalog-service"]).toBe(200);
    expect(Math.min(counts["new-frontend"], counts["catalog-service"])).toBeGreaterThan(60);
    expect(sample.map((sessionId) => provider.evaluate(name, { sessionId, storeCode: "default" }, ROLLOUT).variant)).toEqual(variants);
    expect(provider.evaluate(name, { sessionId: sample[0]!, storeCode: "fr" }, ROLLOUT)).toEqual({ enabled: false, source: "unleash", split: true });

    // Through a proxy: the variant picks the upstream ("new" is new-frontend's answer), per shopper, as the provider said.
    await writeFile(join(plansDir, "variant-check.yaml"), "id: variant-check\ntarget: new-frontend\nmatch:\n  - path: /variant/**\n");
    const catalog = await startNamedUpstream("catalog-service");
    upstreams.push(catalog);
    const proxy = await startProxy(await tempDir("proxy-variant"), { UPSTREAM_CATALOG_SERVICE_URL: catalog.url });
    const served = async (sessionId: string) => (await fetch(`${proxy.shopUrl}/variant/${sessionId}`, { headers: { cookie: `strangler_sid=${sessionId}` } })).text();
    await waitUntil(async () => (await served(sample[0]!)) !== "legacy", 10_000, POLL_MS);
    const viaProxy: string[] = [];
    for (let i = 0; i < sample.length; i += 50) viaProxy.push(...(await Promise.all(sample.slice(i, i + 50).map(served))));
    expect(viaProxy).toEqual(variants.map((variant) => (variant === "new-frontend" ? "new" : variant)));
    // The device constraint, fed by the proxy from the User-Agent: crawlers stay on legacy.
    const crawler = await fetch(`${proxy.shopUrl}/variant/${sample[0]}`, { headers: { cookie: `strangler_sid=${sample[0]}`, "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" } });
    expect(await crawler.text()).toBe("legacy");
  }, 30_000);

  it("with Unleash gone, running instances keep the last state and fresh ones start from the saved state", async () => {
    const [providerA, providerB] = providers;
    const last = sidesOf(providerA!);
    expect(last.every(Boolean)).toBe(true);
    await unleash.stop();
    await waitUntil(() => providerA!.evaluate(FLAG, { sessionId: "x-probe-0000000000" }, ROLLOUT).source === "unleash-saved", 10_000, POLL_MS);
    expect(sidesOf(providerA!)).toEqual(last);
    expect(sidesOf(providerB!)).toEqual(last);

    // The same FLAG_STATE_DIR (file) and the same Redis prefix (with an empty directory) as before.
    const fromFile = await startProvider(dirs.find((dir) => dir.includes("strangler-it-a-"))!, false);
    const fromRedis = await startProvider(await tempDir("fresh"), true);
    for (const restarted of [fromFile, fromRedis]) {
      expect(restarted.ready()).toBe(true);
      expect(restarted.evaluate(FLAG, { sessionId: shoppers[0]! }, ROLLOUT).source).toBe("unleash-saved");
      expect(sidesOf(restarted)).toEqual(last);
    }
    const nothingSaved = await startProvider(await tempDir("empty"), false);
    expect(nothingSaved.evaluate(FLAG, { sessionId: shoppers[0]! }, ROLLOUT)).toEqual({ enabled: false, source: "plan-rollout", split: false });

    const restartedProxy = await startProxy(dirs.find((dir) => dir.includes("strangler-it-proxy-a-"))!);
    expect(await sidesThroughProxy(restartedProxy, shoppers.slice(0, 200))).toEqual(last.slice(0, 200));
  }, 30_000);
});
