import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFlagProvider, createFlagsAdminRouter, getBucket, type FlaggedPlan, type ManagedFlagProvider } from "../../src/flags/index.ts";
import { requestJson, startRouterServer, waitUntil } from "./support/http.ts";

const FLAG = "strangler.product-pages";
const plans: FlaggedPlan[] = [
  { id: "product-pages", flag: FLAG, rollout: { percentage: 10, stickiness: "sessionId" } },
  { id: "category-pages", flag: "strangler.category-pages", rollout: { percentage: 0, stickiness: "sessionId" } },
];
const sessions = Array.from({ length: 1000 }, (_, i) => `local-${i}`);

function countOn(provider: ManagedFlagProvider, flag = FLAG): { on: number; sources: Set<string> } {
  const sources = new Set<string>();
  let on = 0;
  for (const sessionId of sessions) {
    const evaluation = provider.evaluate(flag, { sessionId }, plans[0]!.rollout);
    sources.add(evaluation.source);
    if (evaluation.enabled) on++;
  }
  return { on, sources };
}

describe("local flag store through the admin API", () => {
  let dir: string;
  let provider: ManagedFlagProvider;
  let server: Awaited<ReturnType<typeof startRouterServer>>;
  const others: ManagedFlagProvider[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "strangler-flags-"));
    provider = await createFlagProvider({ stateDir: dir, refreshMs: 100, redisKeyPrefix: "unused:" });
    server = await startRouterServer("/flags", createFlagsAdminRouter(provider, plans));
  });

  afterEach(async () => {
    await server.close();
    await Promise.all([provider, ...others.splice(0)].map((p) => p.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it("follows the plan's rollout until the store knows the flag", async () => {
    const { on, sources } = countOn(provider);
    expect(sources).toEqual(new Set(["plan-rollout"]));
    expect(on).toBeGreaterThan(60);
    expect(on).toBeLessThan(140);
    const listed = await requestJson(`${server.url}/flags`);
    expect(listed.status).toBe(200);
    expect(listed.body.mode).toBe("local");
    expect(listed.body.flags.map((flag: { name: string }) => flag.name)).toEqual(["strangler.category-pages", FLAG]);
    expect(listed.body.flags[1]).toMatchObject({ killed: false, plans: [{ id: "product-pages", rollout: { percentage: 10 } }] });
  });

  it("accepts a percentage, applies it at once with source local, and keeps earlier shoppers on the new side", async () => {
    const before = sessions.filter((sessionId) => provider.evaluate(FLAG, { sessionId }, plans[0]!.rollout).enabled);
    const put = await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", body: { percentage: 30 } });
    expect(put.status).toBe(200);
    expect(put.body.local).toMatchObject({ enabled: true, percentage: 30 });
    const { on, sources } = countOn(provider);
    expect(sources).toEqual(new Set(["local"]));
    expect(on).toBeGreaterThan(250);
    expect(on).toBeLessThan(350);
    for (const sessionId of before) expect(provider.evaluate(FLAG, { sessionId }, plans[0]!.rollout).enabled).toBe(true);
  });

  it("kills a flag: every shopper to legacy at once; lifting the kill restores the percentage", async () => {
    await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", body: { percentage: 100 } });
    const killed = await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "POST" });
    expect(killed.status).toBe(200);
    expect(killed.body).toMatchObject({ killed: true, local: { enabled: false, percentage: 100 } });
    expect(countOn(provider)).toEqual({ on: 0, sources: new Set(["local"]) });
    const revived = await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "DELETE" });
    expect(revived.body).toMatchObject({ killed: false, local: { enabled: true, percentage: 100 } });
    expect(countOn(provider).on).toBe(1000);
  });

  it("kills a flag the store never saw, remembering the plan's percentage for later", async () => {
    await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "POST" });
    expect(countOn(provider).on).toBe(0);
    const revived = await requestJson(`${server.url}/flags/${FLAG}/kill`, { method: "DELETE" });
    expect(revived.body.local).toMatchObject({ enabled: true, percentage: 10 });
  });

  it("loads a saved flag with the retired userId stickiness as sessionId, which is how it always behaved", async () => {
    const saved = await mkdtemp(join(tmpdir(), "strangler-flags-userid-"));
    await writeFile(join(saved, "local-flags.json"), JSON.stringify({ version: 1, flags: { [FLAG]: { enabled: true, percentage: 30, stickiness: "userId", updatedAt: "2026-01-01T00:00:00.000Z" } } }));
    const old = await createFlagProvider({ stateDir: saved, refreshMs: 100, redisKeyPrefix: "unused:" });
    try {
      expect(old.getFlag(FLAG).local).toMatchObject({ percentage: 30, stickiness: "sessionId", enabled: true });
      const expected = sessions.map((sessionId) => getBucket(FLAG, sessionId) <= 30);
      expect(sessions.map((sessionId) => old.evaluate(FLAG, { sessionId }, plans[0]!.rollout).enabled)).toEqual(expected);
    } finally {
      await old.close();
      await rm(saved, { recursive: true, force: true });
    }
  });

  it("persists across a restart, written atomically (no temp files left)", async () => {
    await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", body: { percentage: 42, stickiness: "sessionId" } });
    await requestJson(`${server.url}/flags/strangler.category-pages`, { method: "PUT", body: { enabled: false } });
    const expected = sessions.map((sessionId) => provider.evaluate(FLAG, { sessionId }, plans[0]!.rollout).enabled);
    await provider.close();
    provider = await createFlagProvider({ stateDir: dir, refreshMs: 100, redisKeyPrefix: "unused:" });
    expect(sessions.map((sessionId) => provider.evaluate(FLAG, { sessionId }, plans[0]!.rollout).enabled)).toEqual(expected);
    expect(provider.getFlag(FLAG).local).toMatchObject({ percentage: 42, stickiness: "sessionId", enabled: true });
    expect(await readdir(dir)).toEqual(["local-flags.json"]);
    const file = JSON.parse(await readFile(join(dir, "local-flags.json"), "utf8"));
    expect(Object.keys(file.flags).sort()).toEqual(["strangler.category-pages", FLAG]);
  });

  it("reaches another instance sharing the directory within the refresh interval, without a restart", async () => {
    const other = await createFlagProvider({ stateDir: dir, refreshMs: 100, redisKeyPrefix: "unused:" });
    others.push(other);
    await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", body: { percentage: 100 } });
    const elapsed = await waitUntil(() => other.evaluate(FLAG, { sessionId: "any" }, plans[0]!.rollout).source === "local", 2000, 10);
    expect(elapsed).toBeLessThanOrEqual(100 + 10 + 50);
    expect(countOn(other)).toEqual({ on: 1000, sources: new Set(["local"]) });
  });

  it("keeps the last good flags when the file is broken by hand, and says so on start", async () => {
    await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", body: { percentage: 100 } });
    await writeFile(join(dir, "local-flags.json"), "{ not json");
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(countOn(provider).on).toBe(1000);
    await expect(createFlagProvider({ stateDir: dir, refreshMs: 100, redisKeyPrefix: "unused:" })).rejects.toThrow(
      `local flag file ${join(dir, "local-flags.json")} is not valid JSON`,
    );
  });

  it.each([
    ["a percentage above 100", FLAG, { percentage: 150 }, 400, "BAD_FLAG_PATCH", "percentage"],
    ["a fractional percentage", FLAG, { percentage: 12.5 }, 400, "BAD_FLAG_PATCH", "percentage must be a whole number from 0 to 100"],
    ["an unknown field", FLAG, { percent: 10 }, 400, "BAD_FLAG_PATCH", 'Unrecognized key: "percent"'],
    ["an empty patch", FLAG, {}, 400, "BAD_FLAG_PATCH", "send at least one of enabled, percentage, stickiness"],
    ["a bad stickiness", FLAG, { stickiness: "cookie" }, 400, "BAD_FLAG_PATCH", "stickiness"],
    ["a flag no plan uses", "strangler.nope", { percentage: 10 }, 404, "UNKNOWN_FLAG", 'no plan uses flag "strangler.nope"; known flags: strangler.category-pages, strangler.product-pages'],
  ])("rejects %s", async (_title, flag, body, status, code, message) => {
    const response = await requestJson(`${server.url}/flags/${flag}`, { method: "PUT", body });
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(code);
    expect(response.body.message).toContain(message);
  });

  it("rejects a body that is not JSON", async () => {
    const response = await requestJson(`${server.url}/flags/${FLAG}`, { method: "PUT", rawBody: "{percentage:" });
    expect(response).toMatchObject({ status: 400, body: { error: "BAD_JSON" } });
  });
});
