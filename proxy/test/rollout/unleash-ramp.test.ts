// The rollout controller writing a REAL Unleash (npm unleash-server on the machine's PostgreSQL, fresh
// database, as the flags tests start it): each step lands as the toggle's "strangler rollout" strategy
// percentage through the Admin API, the proxy's Unleash client serves it, and the ramp completes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findPlanStrategy } from "../../src/cli/plan-strategy.ts";
import { createUnleashAdminClient } from "../../src/cli/unleash-admin-client.ts";
import { startUnleash, type RunningUnleash } from "../flags/support/unleash-server.ts";
import { startUpstream, type TestUpstream } from "../support/upstream.ts";
import { NEW_PAGE, pickShoppers, rampPlanYaml, shopUntil, startRampRig, waitForMoves, type RampRig } from "./support/ramp-rig.ts";

// A ramp takes bakes and evaluations of wall-clock time: shopUntil waits at least 15 s before giving up.
vi.setConfig({ testTimeout: 60_000 });

let unleash: RunningUnleash;
let legacy: TestUpstream;
let fresh: TestUpstream;
let rig: RampRig;

beforeAll(async () => {
  unleash = await startUnleash();
  legacy = await startUpstream("legacy");
  fresh = await startUpstream("new", (_req, res) => { res.writeHead(200, { "content-type": "text/plain" }); res.end(NEW_PAGE); });
  rig = await startRampRig({
    legacy: legacy.url, newSide: fresh.url,
    env: { UNLEASH_URL: unleash.apiUrl, UNLEASH_API_TOKEN: unleash.clientToken, UNLEASH_ADMIN_TOKEN: unleash.adminToken, FLAG_REFRESH_MS: "500", UNLEASH_METRICS: "false" },
    plans: { "unl.yaml": rampPlanYaml("unl", "  steps: [1, 25, 100]\n  bakeSeconds: 1\n  evaluateSeconds: 1\n  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 6 }\n") },
  });
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await Promise.all([legacy?.close(), fresh?.close()]);
  await unleash?.stop();
  await unleash?.dropDatabase();
});

describe("a guarded ramp with Unleash", () => {
  it("moves the toggle's strategy 1 → 25 → 100 through the Admin API, and the proxy follows each step", async () => {
    const admin = createUnleashAdminClient(unleash.apiUrl, unleash.adminToken);
    const rolloutInUnleash = async () => {
      const feature = await admin.getFeature("default", "strangler.unl");
      const strategies = feature?.environments.find((env) => env.name === "development")?.strategies ?? [];
      return findPlanStrategy(strategies)?.parameters?.rollout;
    };
    await rig.command("unl", "start");
    for (let i = 0; i < 100 && await rolloutInUnleash() !== "1"; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rolloutInUnleash()).toBe("1");
    const shoppers = pickShoppers("strangler.unl", 4);
    // The first bucket's shoppers reach the new side once the proxy's Unleash client fetched the step.
    // Unleash publishes admin changes on a 1 s schedule and the client polls every 500 ms: rounds 100 ms apart.
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => shoppers.filter((s) => s.bucket <= 1).every((s) => s.sides.at(-1) === "new"), 100, undefined, 100);
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => (await rig.ramp("unl")).state.status === "complete", 300, undefined, 20);
    // The state is committed before the flag is written: give the Admin API call its moment.
    for (let i = 0; i < 100 && await rolloutInUnleash() !== "100"; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rolloutInUnleash()).toBe("100");
    const moves = await waitForMoves(rig, "unl", (entries) => entries.length >= 3);
    expect(moves.map((entry) => [entry.action, entry.from, entry.to, (entry.values as { flagStore?: string }).flagStore])).toEqual([
      ["rollout-start", 0, 1, undefined], ["rollout-promote", 1, 25, "unleash"], ["rollout-complete", 25, 100, "unleash"],
    ]);
    await shopUntil(rig.proxy.shopUrl, shoppers, async () => shoppers.every((s) => s.sides.at(-1) === "new"), 100, undefined, 100);
  });
});
