// The embedded local store end to end: no UNLEASH_URL, flags set on the proxy's admin port, shoppers
// (strangler_sid cookies) routed on the shop port, two proxies sharing FLAG_STATE_DIR, and a restart.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagsEnvSchema, getBucket } from "../../src/flags/index.ts";
import { createProxy, loadConfig, type RunningProxy } from "../../src/index.ts";
import { requestJsonWithToken, waitUntil } from "./support/http.ts";
import { createShoppers, readSides } from "./support/shoppers.ts";
import { startNamedUpstream } from "./support/upstreams.ts";

const FLAG = "strangler.local-check";
const REFRESH_MS = 200;
const ADMIN_TOKEN = "local-admin-token-0123456789";
const shoppers = createShoppers(400, "local-shopper");

const sidesThrough = (proxy: RunningProxy, sessionIds = shoppers) => readSides(proxy.shopUrl, sessionIds, (sessionId) => `/local/${sessionId}`);

const expectedSides = (percentage: number) => shoppers.map((sessionId) => getBucket(FLAG, sessionId) <= percentage && percentage > 0);

describe("local flag store through the proxy", () => {
  let stateDir: string;
  let plansDir: string;
  const upstreams: Array<{ url: string; close(): Promise<void> }> = [];
  const proxies: RunningProxy[] = [];

  const startProxy = async () => {
    const env = {
      PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, LOG_LEVEL: "silent", SHUTDOWN_TIMEOUT_MS: "1000",
      LEGACY_URL: upstreams[0]!.url, NEW_FRONTEND_URL: upstreams[1]!.url, PLANS_DIR: plansDir,
      FLAG_REFRESH_MS: String(REFRESH_MS), FLAG_STATE_DIR: stateDir,
    };
    const proxy = await createProxy(loadConfig(env, flagsEnvSchema), { defaultMetrics: false });
    proxies.push(proxy);
    return proxy;
  };
  const setFlag = (proxy: RunningProxy, path: string, method: string, body?: unknown) =>
    requestJsonWithToken(`${proxy.adminUrl}/flags/${FLAG}${path}`, ADMIN_TOKEN, { method, body });

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), "strangler-local-state-"));
    plansDir = await mkdtemp(join(tmpdir(), "strangler-local-plans-"));
    await writeFile(join(plansDir, "local-check.yaml"), "id: local-check\ntarget: new-frontend\nmatch:\n  - path: /local/**\nrollout: { percentage: 0, stickiness: sessionId }\n");
    upstreams.push(await startNamedUpstream("legacy"), await startNamedUpstream("new"));
  });

  afterAll(async () => {
    await Promise.allSettled(proxies.map((proxy) => proxy.close()));
    await Promise.allSettled(upstreams.map((upstream) => upstream.close()));
    await rm(stateDir, { recursive: true, force: true });
    await rm(plansDir, { recursive: true, force: true });
  });

  it("moves shoppers by percentage, only in the step's direction, on both instances; kills at once; survives a restart", async () => {
    const [first, second] = [await startProxy(), await startProxy()];
    expect(await sidesThrough(first)).toEqual(expectedSides(0));

    let previous = expectedSides(0);
    let previousPercentage = 0;
    for (const percentage of [30, 60, 20]) {
      const put = await setFlag(first, "", "PUT", { percentage });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ mode: "local", local: { enabled: true, percentage }, plans: [{ id: "local-check" }] });
      const sides = await sidesThrough(first);
      expect(sides).toEqual(expectedSides(percentage));
      // Rising: nobody leaves the new side. Lowering: nobody joins it.
      if (percentage > previousPercentage) expect(sides.filter((side, i) => previous[i] && !side)).toEqual([]);
      else expect(sides.filter((side, i) => !previous[i] && side)).toEqual([]);
      expect(sides.filter((side, i) => side !== previous[i]).length).toBeGreaterThan(0);
      // The other instance reads the shared file within its refresh interval.
      await waitUntil(async () => JSON.stringify(await sidesThrough(second, shoppers.slice(0, 100))) === JSON.stringify(sides.slice(0, 100)), REFRESH_MS * 10, REFRESH_MS / 4);
      expect(await sidesThrough(second)).toEqual(sides);
      previous = sides;
      previousPercentage = percentage;
    }

    const killed = await setFlag(first, "/kill", "POST");
    expect(killed.body).toMatchObject({ killed: true });
    expect((await sidesThrough(first)).some(Boolean)).toBe(false);
    await setFlag(first, "/kill", "DELETE");
    expect(await sidesThrough(first)).toEqual(expectedSides(20));

    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    const restarted = await startProxy();
    expect(await sidesThrough(restarted)).toEqual(expectedSides(20));
    const listed = await requestJsonWithToken(`${restarted.adminUrl}/flags`, ADMIN_TOKEN);
    expect(listed.body.flags).toEqual([expect.objectContaining({ name: FLAG, local: expect.objectContaining({ percentage: 20, enabled: true }) })]);
  }, 60_000);

  it("refuses flag changes without the admin token", async () => {
    const proxy = proxies[0] ?? (await startProxy());
    const response = await requestJsonWithToken(`${proxy.adminUrl}/flags/${FLAG}`, "wrong-token-0000000000", { method: "PUT", body: { percentage: 100 } });
    expect(response.status).toBe(401);
  });
});
