// A ramp through the real stack: the sandbox as legacy, a small new side on port 0, a real proxy with
// the local flag store, the Redis traffic stats and the rollout controller (short bake and ticks), and
// shoppers picked by their sticky bucket for the plan's flag, so each step has new-side traffic at once.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getBucket } from "../../../src/flags/hashing.ts";
import type { RunningProxy } from "../../../src/index.ts";
import type { AuditEntry } from "../../../src/admin/audit-log.ts";
import type { RampView } from "../../../src/rollout/rollout-service.ts";
import { ADMIN_TOKEN, createPlansDir, startTestProxy, type PlansDir } from "../../support/proxy.ts";

export const PRODUCT_PATH = "/joust-duffle-bag.html";
export const NEW_PAGE = "new product page";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", "x-strangler-actor": "test" };

export function rampPlanYaml(id: string, rollout: string): string {
  return `id: ${id}\ntarget: new-frontend\nmatch:\n  - path: ${PRODUCT_PATH}\nrollout:\n  stickiness: sessionId\n${rollout}`;
}

export interface Shopper {
  sid: string;
  bucket: number;
  cookies: Map<string, string>;
  /** "new" or "legacy", per visit. */
  sides: Array<"new" | "legacy">;
}

/** `perBand` shoppers in each of the bands 1, 2..5, 6..25, 26..100 of the flag's buckets. */
export function pickShoppers(flag: string, perBand: number): Shopper[] {
  const bands = [[1, 1], [2, 5], [6, 25], [26, 100]] as const;
  const shoppers: Shopper[] = [];
  for (const [low, high] of bands) {
    let found = 0;
    for (let i = 0; found < perBand; i++) {
      const sid = `shopper-${low}-${String(i).padStart(8, "0")}`; // strangler_sid: 16..64 of [A-Za-z0-9_-]
      const bucket = getBucket(flag, sid);
      if (bucket >= low && bucket <= high) { shoppers.push({ sid, bucket, cookies: new Map([["strangler_sid", sid]]), sides: [] }); found++; }
    }
  }
  return shoppers;
}

export async function send(shopUrl: string, shopper: Shopper, path: string, init: RequestInit = {}): Promise<Response> {
  const cookie = [...shopper.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const response = await fetch(`${shopUrl}${path}`, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie } });
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    shopper.cookies.set(pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1));
  }
  return response;
}

/** One product page visit; answers the side whose page the shopper saw. */
export async function visit(shopUrl: string, shopper: Shopper): Promise<"new" | "legacy"> {
  const body = await (await send(shopUrl, shopper, PRODUCT_PATH)).text();
  const side = body === NEW_PAGE ? "new" : "legacy";
  shopper.sides.push(side);
  return side;
}

export interface RampRig {
  proxy: RunningProxy;
  /** The env the proxy got beyond the basics (Redis prefixes, flag directory), for a second process. */
  env: Record<string, string>;
  ramp(plan: string): Promise<RampView>;
  command(plan: string, command: string, body?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  audit(plan: string): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

export async function startRampRig(options: { legacy: string; newSide: string; plans: Record<string, string>; env?: Record<string, string>; flagDir?: string }): Promise<RampRig & { plansDir: PlansDir }> {
  const plansDir = await createPlansDir(options.plans);
  const flagDir = options.flagDir ?? await mkdtemp(join(tmpdir(), "strangler-ramp-flags-"));
  const prefix = `strangler:test:ramp:${randomUUID()}:`;
  const env = {
    REDIS_URL: "redis://127.0.0.1:6379", FLAG_STATE_DIR: flagDir, FLAG_REFRESH_MS: "50", STATS_REDIS_PREFIX: `${prefix}stats:`,
    ROLLOUT_REDIS_PREFIX: `${prefix}rollout:`, ROLLOUT_TICK_MS: "100", ROLLOUT_LEASE_MS: "2000", PLANS_DIR: plansDir.dir, ...options.env,
  };
  const proxy = await startTestProxy({ legacy: options.legacy, newFrontend: options.newSide, plansDir: plansDir.dir, env, deps: { flagProvider: undefined } });
  const admin = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${proxy.adminUrl}${path}`, { ...init, headers: auth });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };
  return {
    proxy, plansDir, env,
    ramp: async (plan) => (await admin(`/rollout/${plan}`)).body as unknown as RampView,
    command: (plan, command, body = {}) => admin(`/rollout/${plan}/${command}`, { method: "POST", body: JSON.stringify(body) }),
    audit: async (plan) => ((await admin(`/audit?plan=${plan}&limit=500`)).body.entries as AuditEntry[]).reverse(),
    async close() {
      await proxy.close();
      await plansDir.remove();
      if (!options.flagDir) await rm(flagDir, { recursive: true, force: true });
    },
  };
}

/** Polls the audit log until `ready` holds for the plan's moves (holds left out); answers them. */
const SHOP_AT_LEAST_MS = 15_000;

export async function waitForMoves(rig: RampRig, plan: string, ready: (moves: AuditEntry[]) => boolean): Promise<AuditEntry[]> {
  for (let i = 0; ; i++) {
    const moves = (await rig.audit(plan)).filter((entry) => entry.action !== "rollout-hold");
    if (ready(moves) || i === 100) return moves;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Rounds of visits by every shopper until `done` says so; answers the rounds run. It gives up after
 * `maxRounds` rounds, but never before SHOP_AT_LEAST_MS: bakes and evaluations take wall-clock time, so on a
 * slow machine fewer, slower rounds must not fail a ramp that is on its way.
 */
export async function shopUntil(shopUrl: string, shoppers: Shopper[], done: () => Promise<boolean>, maxRounds: number, each?: (shopper: Shopper, side: "new" | "legacy") => Promise<void>, pauseMs = 0): Promise<number> {
  const startedAt = Date.now();
  for (let round = 1; round <= maxRounds || Date.now() - startedAt < SHOP_AT_LEAST_MS; round++) {
    if (pauseMs > 0 && round > 1) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await Promise.all(shoppers.map(async (shopper) => {
      const side = await visit(shopUrl, shopper);
      await each?.(shopper, side);
    }));
    if (await done()) return round;
  }
  throw new Error(`not done after ${maxRounds} rounds and ${SHOP_AT_LEAST_MS / 1000} s`);
}
