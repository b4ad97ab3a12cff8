// Two proxy processes sharing Redis and a flag directory: one leads the ramp; SIGKILL it mid-ramp and the
// other takes the lease once it lapses and carries the ramp on from the step the first one committed,
// every step taken exactly once.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/admin/audit-log.ts";
import type { RampView } from "../../src/rollout/rollout-service.ts";
import { startProxyProcess, type ProxyProcess } from "../faults/support/proxy-process.ts";
import { ADMIN_TOKEN, createPlansDir, type PlansDir } from "../support/proxy.ts";
import { startUpstream, type TestUpstream } from "../support/upstream.ts";
import { NEW_PAGE, pickShoppers, rampPlanYaml, visit } from "./support/ramp-rig.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
let legacy: TestUpstream;
let fresh: TestUpstream;
let plans: PlansDir;
let flagDir: string;
let proxies: ProxyProcess[];

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  fresh = await startUpstream("new", (_req, res) => { res.writeHead(200, { "content-type": "text/plain" }); res.end(NEW_PAGE); });
  plans = await createPlansDir({ "ramp.yaml": rampPlanYaml("ramp", "  steps: [1, 5, 25, 50, 100]\n  bakeSeconds: 1\n  evaluateSeconds: 1\n  guardrails:\n    - { metric: error-rate, maxRatio: 2, minSamples: 8 }\n") });
  flagDir = await mkdtemp(join(tmpdir(), "strangler-failover-flags-"));
  const prefix = `strangler:test:failover:${randomUUID()}:`;
  const env = {
    PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, LEGACY_URL: legacy.url, NEW_FRONTEND_URL: fresh.url, PLANS_DIR: plans.dir, LOG_LEVEL: "warn",
    REDIS_URL: "redis://127.0.0.1:6379", FLAG_STATE_DIR: flagDir, FLAG_REFRESH_MS: "50", STATS_REDIS_PREFIX: `${prefix}stats:`,
    ROLLOUT_REDIS_PREFIX: `${prefix}rollout:`, ROLLOUT_TICK_MS: "100", ROLLOUT_LEASE_MS: "1000", READY_PROBE_INTERVAL_MS: "60000",
  };
  proxies = await Promise.all([startProxyProcess(env), startProxyProcess(env)]);
}, 60_000);
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await Promise.all([legacy.close(), fresh.close(), plans.remove(), rm(flagDir, { recursive: true, force: true })]);
});

async function admin<T>(proxy: ProxyProcess, path: string, init: RequestInit = {}): Promise<T> {
  return (await (await fetch(`${proxy.adminUrl}${path}`, { ...init, headers: auth })).json()) as T;
}

const ownerPid = (holder: string | null | undefined) => Number(holder?.split("|")[0]?.split(":")[1]);

describe("failover between two proxies sharing Redis", () => {
  it("has one leader; killed mid-ramp, the other carries on without a double step", async () => {
    const shoppers = pickShoppers("strangler.ramp", 4);
    await admin(proxies[0]!, "/rollout/ramp/start", { method: "POST", body: "{}" });
    const round = async (alive: ProxyProcess[]) => {
      await Promise.all(shoppers.map((shopper, i) => visit(alive[i % alive.length]!.shopUrl, shopper)));
      return admin<RampView>(alive[0]!, "/rollout/ramp");
    };
    let view = await round(proxies);
    // Bounded by time, not by rounds: a bake and an evaluation take wall-clock seconds however fast the rounds go.
    const until = (seconds: number) => Date.now() + seconds * 1000;
    for (const deadline = until(30); Date.now() < deadline && view.state.percent < 25;) view = await round(proxies);
    expect(view.state.percent).toBe(25);
    const views = await Promise.all(proxies.map((proxy) => admin<RampView>(proxy, "/rollout/ramp")));
    expect(new Set(views.map((v) => v.leader)).size).toBe(1); // both see the same single leader
    const leader = proxies.find((proxy) => proxy.pid === ownerPid(view.leader))!;
    const survivor = proxies.find((proxy) => proxy !== leader)!;
    expect(leader).toBeDefined();
    await leader.stop(); // SIGKILL: no lease release, it must lapse
    const killedAt = view.state.percent;
    for (const deadline = until(40); Date.now() < deadline && view.state.status !== "complete";) view = await round([survivor]);
    expect(view.state.status).toBe("complete");
    expect(ownerPid(view.leader)).toBe(survivor.pid);
    let moves: AuditEntry[] = [];
    for (let i = 0; i < 50 && moves.length < 5; i++) {
      const entries = (await admin<{ entries: AuditEntry[] }>(survivor, "/audit?plan=ramp&limit=500")).entries.reverse();
      moves = entries.filter((entry) => entry.action !== "rollout-hold");
      if (moves.length < 5) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(moves.map((entry) => [entry.action, entry.from, entry.to])).toEqual([
      ["rollout-start", 0, 1], ["rollout-promote", 1, 5], ["rollout-promote", 5, 25], ["rollout-promote", 25, 50], ["rollout-complete", 50, 100],
    ]);
    const after = moves.filter((entry) => entry.from! >= killedAt);
    expect(after.every((entry) => entry.actor.includes(`:${survivor.pid}:`))).toBe(true);
    const tokens = moves.slice(1).map((entry) => (entry.values as { fencingToken: number }).fencingToken);
    expect(tokens.at(-1)).toBeGreaterThan(tokens[0]!);
  }, 90_000);
});
