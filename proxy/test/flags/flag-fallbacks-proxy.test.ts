// "A flag never blocks or fails a request", through a real proxy in Unleash mode: with Unleash unreachable
// and nothing saved the proxy starts and routes by the plan's rollout (reason `rollout`); with Unleash
// answering (nock), a flag it knows decides (reason `flag-on`) and a flag it does not know sends the
// plan's traffic to legacy (reason `flag-unavailable`). The reason is read from the debug header.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { flagsEnvSchema, getBucket } from "../../src/flags/index.ts";
import { createProxy, loadConfig, type RunningProxy } from "../../src/index.ts";
import { createShoppers } from "./support/shoppers.ts";
import { featuresPayload, toggle } from "./support/unleash-payloads.ts";
import { startNamedUpstream } from "./support/upstreams.ts";

const ADMIN_TOKEN = "fallbacks-admin-token-0123456789";
const shoppers = createShoppers(200, "fallback-shopper");
const PLANS = {
  "known.yaml": "id: known\ntarget: new-frontend\nmatch:\n  - path: /known/**\nrollout: { percentage: 30, stickiness: sessionId }\n",
  "unknown.yaml": "id: unknown\ntarget: new-frontend\nmatch:\n  - path: /unknown/**\nrollout: { percentage: 100, stickiness: sessionId }\n",
};

describe("flag fallbacks through the proxy (Unleash mode)", () => {
  const dirs: string[] = [];
  const proxies: RunningProxy[] = [];
  const upstreams: Array<{ url: string; close(): Promise<void> }> = [];
  let plansDir = "";

  const startProxy = async (unleashUrl: string) => {
    const stateDir = await mkdtemp(join(tmpdir(), "strangler-fallback-state-"));
    dirs.push(stateDir);
    const env = {
      PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, LOG_LEVEL: "silent", SHUTDOWN_TIMEOUT_MS: "1000",
      LEGACY_URL: upstreams[0]!.url, NEW_FRONTEND_URL: upstreams[1]!.url, PLANS_DIR: plansDir,
      UNLEASH_URL: unleashUrl, UNLEASH_API_TOKEN: "*:development.secret", UNLEASH_METRICS: "false", UNLEASH_TIMEOUT_MS: "1000",
      FLAG_REFRESH_MS: "1000", FLAG_STATE_DIR: stateDir,
    };
    const proxy = await createProxy(loadConfig(env, flagsEnvSchema), { defaultMetrics: false });
    proxies.push(proxy);
    return proxy;
  };

  /** "new" or "legacy" and the decision's reason, for each shopper. */
  const visit = async (proxy: RunningProxy, path: string) =>
    Promise.all(shoppers.map(async (sessionId) => {
      const response = await fetch(`${proxy.shopUrl}${path}/${sessionId}`, { headers: { cookie: `strangler_sid=${sessionId}`, "x-strangler-debug": ADMIN_TOKEN } });
      const reason = /reason=([a-z-]+)/.exec(response.headers.get("x-strangler-decision") ?? "")?.[1];
      return `${await response.text()}:${reason}`;
    }));

  beforeAll(async () => {
    plansDir = await mkdtemp(join(tmpdir(), "strangler-fallback-plans-"));
    dirs.push(plansDir);
    for (const [file, text] of Object.entries(PLANS)) await writeFile(join(plansDir, file), text);
    upstreams.push(await startNamedUpstream("legacy"), await startNamedUpstream("new"));
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await Promise.allSettled(proxies.map((proxy) => proxy.close()));
    await Promise.allSettled(upstreams.map((upstream) => upstream.close()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    nock.enableNetConnect();
  });

  it("starts with Unleash unreachable and nothing saved, routing by each plan's rollout", async () => {
    nock("http://unleash-down.test").get("/api/client/features").times(20).replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" });
    const proxy = await startProxy("http://unleash-down.test/api");
    const expected = shoppers.map((sessionId) => `${getBucket("strangler.known", sessionId) <= 30 ? "new" : "legacy"}:rollout`);
    expect(await visit(proxy, "/known")).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(["new:rollout", "legacy:rollout"]));
    expect(new Set(await visit(proxy, "/unknown"))).toEqual(new Set(["new:rollout"]));
  });

  it("follows a flag Unleash knows and sends a plan whose flag Unleash does not know to legacy", async () => {
    nock("http://unleash-up.test").get("/api/client/features").reply(200, featuresPayload(toggle("strangler.known", { rollout: 100 })), { ETag: '"a"' });
    nock("http://unleash-up.test").get("/api/client/features").times(50).reply(304);
    const proxy = await startProxy("http://unleash-up.test/api");
    expect(new Set(await visit(proxy, "/known"))).toEqual(new Set(["new:flag-on"]));
    // The plan's own rollout says 100 %, but Unleash answered and has no such flag: legacy.
    expect(new Set(await visit(proxy, "/unknown"))).toEqual(new Set(["legacy:flag-unavailable"]));
  });
});
