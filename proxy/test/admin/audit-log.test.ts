// The audit log: every flag change through the admin API (and so every `strangler flags` command)
// writes one line with who, what, the share before and after, and why; with REDIS_URL another proxy
// sees the same lines; without Redis reachable a write still lands in memory and the log.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/admin/audit-log.ts";
import type { AuditEntry } from "../../src/admin/audit-log.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import type { RunningProxy } from "../../src/index.ts";
import { findFreePort } from "../../../adapters/test/support/own-redis.ts";
import { startCliProxy, type CliProxy } from "../cli/support/cli-proxy.ts";
import { captureIo } from "../flags/support/shoppers.ts";
import { ADMIN_TOKEN, startTestProxy } from "../support/proxy.ts";
import { startUpstream, type TestUpstream } from "../support/upstream.ts";

const PLANS = { "pdp.yaml": "id: pdp\ntarget: new-frontend\nmatch:\n  - path: /p/**\nrollout: { percentage: 0, stickiness: sessionId }\n" };
const prefix = `strangler:test:audit:${randomUUID()}:`;
const env = { REDIS_URL: "redis://127.0.0.1:6379", STATS_REDIS_PREFIX: prefix };
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let running: CliProxy;

async function auditOf(proxy: RunningProxy, query = ""): Promise<AuditEntry[]> {
  const response = await fetch(`${proxy.adminUrl}/audit${query}`, { headers: auth });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

beforeAll(async () => { running = await startCliProxy(PLANS, env); });
afterAll(async () => {
  await running.close();
  const redis = new Redis(env.REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("audit log of flag changes", () => {
  it("writes one line per admin API change: actor and why from the headers, share before and after", async () => {
    const response = await fetch(`${running.proxy.adminUrl}/flags/strangler.pdp`, {
      method: "PUT", headers: { ...auth, "content-type": "application/json", "x-strangler-actor": "ops-bot", "x-strangler-why": "ramp%20step%201" },
      body: JSON.stringify({ percentage: 30 }),
    });
    expect(response.status).toBe(200);
    const [entry] = await auditOf(running.proxy, "?limit=1");
    expect(entry).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), actor: "ops-bot", action: "set", flag: "strangler.pdp", plan: "pdp",
      from: 0, to: 30, why: "ramp step 1", values: { percentage: 30 },
    });
  });

  it("names the CLI's user and --why for `strangler flags kill|revive`", async () => {
    const run = async (argv: string[]) => {
      const io = captureIo({ ...running.env, STRANGLER_ACTOR: "alice" });
      return runCli(["flags", ...argv], io.io);
    };
    expect(await run(["kill", "pdp", "--why", "checkout errors ↑"])).toBe(0);
    expect(await run(["revive", "pdp"])).toBe(0);
    const entries = await auditOf(running.proxy, "?limit=2");
    expect(entries.map(({ actor, action, from, to, why }) => ({ actor, action, from, to, why }))).toEqual([
      { actor: "cli:alice", action: "revive", from: 0, to: 30, why: undefined },
      { actor: "cli:alice", action: "kill", from: 30, to: 0, why: "checkout errors ↑" },
    ]);
  });

  it("writes nothing for a refused change", async () => {
    const before = (await auditOf(running.proxy)).length;
    const refused = await fetch(`${running.proxy.adminUrl}/flags/strangler.pdp`, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: "{\"percentage\":101}" });
    expect(refused.status).toBe(400);
    expect(await auditOf(running.proxy)).toHaveLength(before);
  });

  it("shows the same lines on another proxy sharing REDIS_URL, filterable by plan", async () => {
    let legacy: TestUpstream | undefined;
    let other: RunningProxy | undefined;
    try {
      legacy = await startUpstream("legacy");
      other = await startTestProxy({ legacy: legacy.url, env });
      expect(await auditOf(other)).toEqual(await auditOf(running.proxy));
      expect(await auditOf(other, "?plan=pdp")).toHaveLength(3);
      expect(await auditOf(other, "?plan=other")).toEqual([]);
    } finally {
      await other?.close();
      await legacy?.close();
    }
  });
});

describe("audit log without a reachable Redis", () => {
  it("still keeps the line in memory and in the log, and lists it", async () => {
    const port = await findFreePort();
    const redis = new Redis({ port, host: "127.0.0.1", enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => {});
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => { lines.push(line); } });
    const audit = createAuditLog({ logger, redis, now: () => Date.UTC(2025, 0, 1) });
    const entry = await audit.write({ actor: "dashboard:bob", action: "kill", plan: "pdp", flag: "strangler.pdp", from: 50, to: 0, why: undefined });
    expect(await audit.list()).toEqual([entry]);
    expect(lines.some((line) => JSON.parse(line).msg === "audit" && JSON.parse(line).audit.actor === "dashboard:bob")).toBe(true);
    expect(lines.some((line) => JSON.parse(line).msg.startsWith("audit log: Redis unwritable"))).toBe(true);
    redis.disconnect();
  });
});
