// The lease and the fencing token against a real Redis: one leader at a time, a takeover after the
// lease lapses, and a stale leader's writes (ramp state, flag) refused by the token.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/admin/audit-log.ts";
import { createFlagProvider } from "../../src/flags/index.ts";
import type { ManagedFlagProvider } from "../../src/flags/types.ts";
import { createLocalFlagWriter } from "../../src/rollout/flag-writer.ts";
import { createLease, LeaseLostError } from "../../src/rollout/lease.ts";
import { createRampStore } from "../../src/rollout/ramp-store.ts";
import { createRolloutController } from "../../src/rollout/rollout-controller.ts";
import { initialState } from "../../src/rollout/step-machine.ts";
import { createMemoryTrafficStats } from "../../src/stats/memory-traffic-stats.ts";
import { plansFromYaml } from "../support/proxy.ts";
import { rampPlanYaml } from "./support/ramp-rig.ts";

const logger = pino({ level: "silent" });
let redis: Redis;
let prefix: string;
beforeAll(() => { redis = new Redis("redis://127.0.0.1:6379"); });
afterAll(() => { redis.disconnect(); });
const fresh = () => { prefix = `strangler:test:lease:${randomUUID()}:`; return `${prefix}lease`; };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the rollout lease", () => {
  it("has one holder; the other takes over once it lapses, with a higher fencing token", async () => {
    const key = fresh();
    const a = createLease({ redis, key, owner: "a", ttlMs: 300 });
    const b = createLease({ redis, key, owner: "b", ttlMs: 300 });
    expect([await a.refresh(), await b.refresh()]).toEqual([true, false]);
    expect(await a.refresh()).toBe(true); // renewal
    await sleep(450); // a stalls past its lease
    expect(await b.refresh()).toBe(true);
    expect(b.token).toBe(a.token! + 1);
    expect(await redis.get(key)).toBe(`b|${b.token}`);
  });

  it("refuses a stale leader's ramp write and flag check, and lets the current one write", async () => {
    const key = fresh();
    const store = createRampStore(redis, prefix, key);
    const a = createLease({ redis, key, owner: "a", ttlMs: 200 });
    const b = createLease({ redis, key, owner: "b", ttlMs: 5_000 });
    await a.refresh();
    const staleHolder = a.holder;
    await sleep(300);
    await b.refresh();
    const state = { ...initialState("p"), status: "ramping" as const, stepIndex: 0, percent: 1 };
    await expect(store.write(state, { holder: staleHolder })).rejects.toThrow(LeaseLostError);
    await expect(a.check()).rejects.toThrow(/not the rollout leader any more \(held b\|\d+\)/);
    expect(await store.read("p")).toEqual(initialState("p"));
    expect(await store.write(state, { holder: b.holder })).toMatchObject({ version: 1, percent: 1 });
    await b.release();
  });

  it("refuses a second write from the same version: no step is taken twice", async () => {
    const key = fresh();
    const store = createRampStore(redis, prefix, key);
    const state = { ...initialState("p"), status: "ramping" as const, stepIndex: 0, percent: 1 };
    await store.write(state);
    await expect(store.write({ ...state, stepIndex: 1, percent: 5 })).rejects.toThrow(/changed since version 0/);
  });
});

describe("a controller that lost its lease", () => {
  let flagDir: string;
  let provider: ManagedFlagProvider;
  beforeAll(async () => {
    flagDir = await mkdtemp(join(tmpdir(), "strangler-lease-flags-"));
    provider = await createFlagProvider({ refreshMs: 50, stateDir: flagDir, redisKeyPrefix: "x" }, { logger });
  });
  afterAll(async () => { await provider.close(); await rm(flagDir, { recursive: true, force: true }); });

  it("writes no flag: the fencing token check stops it before the local store", async () => {
    const key = fresh();
    const plans = await plansFromYaml({ "p.yaml": rampPlanYaml("p", "  steps: [1, 5, 100]\n  bakeSeconds: 1\n  evaluateSeconds: 1\n") });
    const store = createRampStore(redis, prefix, key);
    const lease = createLease({ redis, key, owner: "stale", ttlMs: 200 });
    const controller = createRolloutController({
      lease, store, flags: createLocalFlagWriter(provider), stats: createMemoryTrafficStats({}), audit: createAuditLog({ logger }), logger, getPlans: () => plans,
    });
    await store.write({ ...initialState("p"), status: "ramping", stepIndex: 0, percent: 1, stepStartedAt: Date.now(), lastEvaluatedAt: Date.now() });
    await controller.tick(); // leads, and writes 1 % to the flag
    expect(provider.getFlag("strangler.p").local?.percentage).toBe(1);
    // It stalls; another instance takes the lease and moves the ramp to 5 %.
    await sleep(300);
    const other = createLease({ redis, key, owner: "other", ttlMs: 5_000 });
    await other.refresh();
    const current = await store.read("p");
    await store.write({ ...current, stepIndex: 1, percent: 5 }, { holder: other.holder });
    // The stale one wakes believing it leads (its renewal fails, it does not re-acquire) and writes nothing.
    await controller.applyNow(plans[0] as Parameters<typeof controller.applyNow>[0], { ...current, percent: 100 });
    const file = JSON.parse(await readFile(join(flagDir, "local-flags.json"), "utf8")) as { flags: Record<string, { percentage: number }> };
    expect(file.flags["strangler.p"]!.percentage).toBe(1);
    await controller.tick();
    expect(controller.isLeader()).toBe(false);
    expect(provider.getFlag("strangler.p").local?.percentage).toBe(1);
    await other.release();
  });
});
