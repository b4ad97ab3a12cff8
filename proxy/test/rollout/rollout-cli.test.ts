// `strangler rollout …` in-process: simulate replays a recorded good run and a recorded bad run; the
// admin commands steer a real proxy's ramp (with --dry-run writing nothing).
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { captureIo } from "../flags/support/shoppers.ts";
import { ADMIN_TOKEN, createPlansDir, type PlansDir } from "../support/proxy.ts";
import { startUpstream, type TestUpstream } from "../support/upstream.ts";
import { rampPlanYaml, startRampRig, type RampRig } from "./support/ramp-rig.ts";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const SIM_PLAN = "id: product-pages\ntarget: new-frontend\nmatch: [{ pageType: PRODUCT }]\nrollout:\n  steps: [1, 5, 25, 100]\n  bakeSeconds: 180\n  evaluateSeconds: 60\n  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 60 }\n";

describe("strangler rollout simulate", () => {
  let plans: PlansDir;
  beforeAll(async () => { plans = await createPlansDir({ "product-pages.yaml": SIM_PLAN }); });
  afterAll(() => plans.remove());
  const simulate = async (file: string, extra: string[] = []) => {
    const io = captureIo({});
    const code = await runCli(["rollout", "simulate", "product-pages", "--metrics", file, "--plans", plans.dir, ...extra], io.io);
    return { code, out: io.out, err: io.err };
  };

  it("replays a recorded good run: promoted after each bake, completed at 100 %", async () => {
    const result = await simulate(fixture("good-run.json"));
    expect(result.code).toBe(0);
    expect(result.out.map((line) => line.slice(0, 49))).toEqual([
      "2026-12-01 10:00  start      0 % →   1 %  started",
      "2026-12-01 10:01  hold       1 % →   1 %  holding",
      "2026-12-01 10:03  promote    1 % →   5 %  every g",
      "2026-12-01 10:04  hold       5 % →   5 %  baking:",
      "2026-12-01 10:06  promote    5 % →  25 %  every g",
      "2026-12-01 10:07  hold      25 % →  25 %  baking:",
      "2026-12-01 10:09  complete  25 % → 100 %  every g",
    ]);
    expect(result.out[1]).toContain("holding, not enough data: error-rate < 2× legacy: thin data (20/1980 of 60)");
  });

  it("replays a recorded bad run (3 % errors on the new side): rolled back, with the SPRT figures", async () => {
    const result = await simulate(fixture("bad-run.json"), ["--json"]);
    const decisions = JSON.parse(result.out.join("\n")) as Array<{ action: string; from: number; to: number; reason: string }>;
    expect(decisions.filter((d) => d.action !== "hold").map((d) => [d.action, d.from, d.to])).toEqual([["start", 0, 1], ["promote", 1, 5], ["rollback", 5, 0]]);
    expect(decisions.at(-1)!.reason).toMatch(/^breach, everyone back to legacy: error-rate < 2× legacy: error rate of the new side is at least 2× legacy's: new \d+\/\d+ \(3 %\), legacy \d+\/\d+ \([\d.]+ %\), SPRT log LR [\d.]+ \(breach at 2\.996\)$/);
  });

  it("rejects a file that is not a saved /stats/traffic answer, and a plan without steps", async () => {
    const bad = await simulate(fixture("../lease.test.ts"));
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/is not a saved GET \/stats\/traffic answer/);
    const io = captureIo({});
    const other = await createPlansDir({ "p.yaml": "id: p\ntarget: new-frontend\nmatch: [{ path: /x }]\n" });
    expect(await runCli(["rollout", "simulate", "p", "--metrics", fixture("good-run.json"), "--plans", other.dir], io.io)).toBe(1);
    expect(io.err).toEqual(['strangler: plan "p" has no rollout.steps']);
    await other.remove();
  });
});

describe("strangler rollout status|start|pause|resume|promote|rollback", () => {
  let legacy: TestUpstream;
  let rig: RampRig;
  let env: Record<string, string>;
  beforeAll(async () => {
    legacy = await startUpstream("legacy");
    // No traffic: the controller holds, so each step below is the command's doing.
    rig = await startRampRig({ legacy: legacy.url, newSide: legacy.url, plans: { "pdp.yaml": rampPlanYaml("pdp", "  steps: [1, 5, 25, 100]\n  bakeSeconds: 600\n") } });
    env = { ADMIN_TOKEN, STRANGLER_ACTOR: "ops" };
  });
  afterAll(async () => { await rig.close(); await legacy.close(); });
  const rollout = async (...argv: string[]) => {
    const io = captureIo(env);
    const code = await runCli(["rollout", ...argv, "--admin", rig.proxy.adminUrl], io.io);
    return { code, out: io.out, err: io.err };
  };

  it("--dry-run says what start would do and writes nothing", async () => {
    expect(await rollout("start", "pdp", "--dry-run")).toEqual({ code: 0, out: ["dry run, nothing written: would start pdp: 0 % → 1 % (started by cli:ops at the first step)"], err: [] });
    expect((await rig.ramp("pdp")).state).toMatchObject({ status: "idle", percent: 0, version: 0 });
  });

  it("starts, pauses, resumes, promotes and rolls back, each in the audit log with its actor", async () => {
    expect((await rollout("start", "pdp")).out).toEqual(["start pdp: 0 % → 1 % (started by cli:ops at the first step)"]);
    expect((await rollout("pause", "pdp")).out).toEqual(["pause pdp: 1 % → 1 % (paused by cli:ops at 1 %)"]);
    expect(await rollout("pause", "pdp")).toEqual({ code: 1, out: [], err: ["strangler: rollout pause pdp refused: not ramping (paused)"] });
    expect((await rollout("resume", "pdp")).out).toEqual(["resume pdp: 1 % → 1 % (resumed by cli:ops at 1 %)"]);
    expect((await rollout("promote", "pdp", "--why", "looks fine")).out).toEqual(["promote pdp: 1 % → 5 % (promoted by cli:ops from 1 %, without waiting for the bake)"]);
    const status = await rollout("status", "pdp");
    expect(status.out[0]!.split("\n")[0]).toMatch(/^pdp \(strangler\.pdp\): ramping at 5 % {3}steps 1 → \[5\] → 25 → 100 {3}bake 600 s, on breach zero$/);
    expect((await rollout("rollback", "pdp")).out).toEqual(["rollback pdp: 5 % → 0 % (rolled back by cli:ops: everyone to legacy)"]);
    const moves = (await rig.audit("pdp")).filter((entry) => entry.action !== "rollout-hold");
    expect(moves.map((entry) => [entry.actor, entry.action, entry.from, entry.to])).toEqual([
      ["cli:ops", "rollout-start", 0, 1], ["cli:ops", "rollout-pause", 1, 1], ["cli:ops", "rollout-resume", 1, 1],
      ["cli:ops", "rollout-promote", 1, 5], ["cli:ops", "rollout-rollback", 5, 0],
    ]);
    expect(moves[3]!.why).toBe("looks fine");
  });

  it("names the plans that have a ramp when asked for one that has none", async () => {
    expect(await rollout("status", "nope")).toEqual({ code: 1, out: [], err: [expect.stringContaining('HTTP 404: plan "nope" has no rollout.steps; plans with a ramp: pdp')] });
  });
});
