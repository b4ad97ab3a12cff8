// `strangler rollout run` as its own process beside a proxy with ROLLOUT_CONTROLLER=off: the proxy takes
// the start command and answers /rollout; the separate controller leads and ramps the plan to 100 %.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startUpstream, type TestUpstream } from "../support/upstream.ts";
import { linkedBin, repoDir } from "../cli/support/run-bin.ts";
import { NEW_PAGE, pickShoppers, rampPlanYaml, shopUntil, startRampRig, waitForMoves, type RampRig } from "./support/ramp-rig.ts";

// A ramp takes bakes and evaluations of wall-clock time: shopUntil waits at least 15 s before giving up.
vi.setConfig({ testTimeout: 60_000 });

let legacy: TestUpstream;
let fresh: TestUpstream;
let rig: RampRig;
beforeAll(async () => {
  legacy = await startUpstream("legacy");
  fresh = await startUpstream("new", (_req, res) => { res.writeHead(200, { "content-type": "text/plain" }); res.end(NEW_PAGE); });
  rig = await startRampRig({
    legacy: legacy.url, newSide: fresh.url, env: { ROLLOUT_CONTROLLER: "off" },
    plans: { "run.yaml": rampPlanYaml("run", "  steps: [5, 100]\n  bakeSeconds: 1\n  evaluateSeconds: 1\n  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 6 }\n") },
  });
});
afterAll(async () => { await rig.close(); await Promise.all([legacy.close(), fresh.close()]); });

describe("strangler rollout run", () => {
  it("leads from its own process while the proxy only takes commands; SIGTERM stops it (exit 0)", async () => {
    const child = spawn(linkedBin, ["rollout", "run"], { cwd: repoDir, env: { PATH: process.env.PATH ?? "", ...rig.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await rig.command("run", "start");
      // Nothing moves the flag until the separate controller leads: the proxy never ticks.
      const shoppers = pickShoppers("strangler.run", 4);
      await shopUntil(rig.proxy.shopUrl, shoppers, async () => (await rig.ramp("run")).state.status === "complete", 300);
      const moves = await waitForMoves(rig, "run", (entries) => entries.length >= 2);
      expect(moves.map((entry) => [entry.action, entry.from, entry.to])).toEqual([["rollout-start", 0, 5], ["rollout-complete", 5, 100]]);
      expect(moves[1]!.actor).toContain(`:${child.pid}:`);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
