// bin/purge-server.ts as a real process: Magento's PURGE drops the shared Redis entry and the
// frontend's revalidate route receives the tags with the bearer token (and a Redis subscriber of
// PURGE_PUBLISH_CHANNEL the same tags); `.*` flushes everything and tells the frontend `{ all: true }`;
// PURGE_* settings decide who may purge.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import { join } from "node:path";
import { createRedisClient, type RedisClient } from "../src/cache/redis-client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, createRevalidateNotifier, createCounterMetrics } from "../src/index.ts";
import type { Adapters } from "../src/index.ts";
import { startFakeMagento } from "./support/fake-magento.ts";
import type { FakeMagento } from "./support/fake-magento.ts";
import { createRecordingLogger } from "./support/doubles.ts";
import { redisUrl, uniquePrefix } from "./support/redis.ts";
import { listen } from "./support/servers.ts";

const token = "a-revalidate-token-of-32-chars!!";
const received: { headers: IncomingHttpHeaders; body: { tags?: string[]; all?: boolean } }[] = [];
let revalidate: Server;
let revalidateUrl = "";
let magento: FakeMagento;
let child: ChildProcess;
let purgeUrl = "";
let adapters: Adapters;
const redisKeyPrefix = uniquePrefix("purge-server");
const publishChannel = `strangler:test:purge-server:${randomUUID()}`;
const published: unknown[] = [];
let subscriber: RedisClient;

function spawnPurgeServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(import.meta.dirname, "../bin/purge-server.ts")], {
    env: { ...process.env, MAGENTO_URL: magento.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisKeyPrefix, PURGE_PORT: "0", PURGE_PUBLISH_CHANNEL: publishChannel, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function listeningUrl(process: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    process.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    process.once("exit", (code) => reject(new Error(`purge-server exited with ${code}`)));
  });
}

beforeAll(async () => {
  revalidate = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(raw) as { tags: string[] } });
      res.writeHead(req.url === "/fail" ? 500 : 200, { "content-type": "application/json" }).end("{}");
    });
  });
  revalidateUrl = await listen(revalidate);
  magento = await startFakeMagento({ delayMs: 0 });
  adapters = createAdapters({ magentoUrl: magento.url, redisUrl, redisKeyPrefix });
  await adapters.ready();
  subscriber = createRedisClient(redisUrl);
  subscriber.on("message", (_channel: string, message: string) => void published.push(JSON.parse(message)));
  await subscriber.subscribe(publishChannel);
  child = spawnPurgeServer({ REVALIDATE_URL: `${revalidateUrl}/api/revalidate`, REVALIDATE_TOKEN: token });
  purgeUrl = await listeningUrl(child);
});

afterAll(async () => {
  child.kill("SIGTERM");
  subscriber.disconnect();
  await adapters.purgeAll();
  await adapters.close();
  await magento.close();
  await new Promise((resolve) => revalidate.close(resolve));
});

describe("bin/purge-server.ts", () => {
  it("drops the shared entry on PURGE and forwards the tags to the frontend with the token", async () => {
    await adapters.getProductBySku("24-MB01");
    const calls = magento.calls();
    const res = await fetch(purgeUrl, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))" } });
    expect(await res.json()).toMatchObject({ tags: ["cat_p_1"], dropped: 1 });
    expect(received.at(-1)?.body).toEqual({ tags: ["cat_p_1"] });
    expect(received.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(calls + 1);
  });

  it("publishes the purged tags on PURGE_PUBLISH_CHANNEL for the other subscribers", async () => {
    const before = published.length;
    await fetch(purgeUrl, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))|((^|,)cat_p_68(,|$))" } });
    for (let waited = 0; published.length === before && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(published.slice(before)).toEqual([{ tags: ["cat_p_1", "cat_p_68"], all: false }]);
  });

  it("flushes everything on Magento's PURGE .* and tells the frontend { all: true }", async () => {
    await adapters.getProductBySku("24-MB01");
    const calls = magento.calls();
    const res = await fetch(purgeUrl, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": ".*" } });
    expect(await res.json()).toEqual({ purged: true, tags: [], all: true, dropped: 1 });
    expect(received.at(-1)?.body).toEqual({ all: true });
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(calls + 1);
  });

  it("takes who may purge from PURGE_ALLOWED_ADDRESSES and PURGE_TOKEN", async () => {
    const guarded = spawnPurgeServer({ PURGE_ALLOWED_ADDRESSES: "10.0.0.0/8", PURGE_TOKEN: token, PURGE_ALLOW_FULL_FLUSH: "false" });
    try {
      const url = await listeningUrl(guarded);
      const purge = (headers: Record<string, string>) => fetch(url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))", ...headers } });
      expect((await purge({})).status).toBe(401);
      expect((await purge({ "X-Purge-Token": token })).status).toBe(200);
      expect((await purge({ "X-Purge-Token": token, "X-Magento-Tags-Pattern": ".*" })).status).toBe(403);
    } finally {
      guarded.kill("SIGTERM");
    }
  });

  it("rejects invalid purge settings at start, naming the variable", async () => {
    const broken = spawnPurgeServer({ PURGE_ALLOWED_ADDRESSES: "everyone" });
    let stderr = "";
    broken.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => broken.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('purge-server: Invalid purge settings: PURGE_ALLOWED_ADDRESSES: "everyone" is not an IP address or CIDR block (e.g. 10.0.0.0/8, ::1)\n');
  });
});

describe("createRevalidateNotifier", () => {
  it("sends at most 1000 tags a request", async () => {
    const notify = createRevalidateNotifier({ url: `${revalidateUrl}/api/revalidate`, token, logger: createRecordingLogger(), metrics: createCounterMetrics() });
    const before = received.length;
    await notify(Array.from({ length: 2500 }, (_, i) => `cat_p_${i}`));
    expect(received.slice(before).map((r) => r.body.tags?.length)).toEqual([1000, 1000, 500]);
  });

  it("sends one { all: true } for a full flush", async () => {
    const notify = createRevalidateNotifier({ url: `${revalidateUrl}/api/revalidate`, token, logger: createRecordingLogger(), metrics: createCounterMetrics() });
    const before = received.length;
    await notify([], { all: true });
    expect(received.slice(before).map((r) => r.body)).toEqual([{ all: true }]);
  });

  it("warns and counts instead of throwing when the frontend fails", async () => {
    const logger = createRecordingLogger();
    const metrics = createCounterMetrics();
    const notify = createRevalidateNotifier({ url: `${revalidateUrl}/fail`, token, logger, metrics });
    await notify(["cat_p_1"]);
    expect(logger.warnings).toEqual(["could not tell the frontend to revalidate; its pages stay until their own TTL"]);
    expect(metrics.snapshot().adapters_revalidate_errors).toBe(1);
  });
});
