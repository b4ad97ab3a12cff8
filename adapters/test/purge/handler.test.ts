// The purge endpoint over real HTTP with the in-memory cache: Magento's PURGE and POST are handled
// (the tags go on to the frontend even when this process never cached them) or refused with a clear
// answer, never silently dropped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, createPurgeHandler, startPurgeServer } from "../../src/index.ts";
import type { Adapters, PurgeServer } from "../../src/index.ts";
import { startFakeMagento } from "../support/fake-magento.ts";
import type { FakeMagento } from "../support/fake-magento.ts";

let magento: FakeMagento;
let adapters: Adapters;
let server: PurgeServer;
let noFlush: PurgeServer;
const revalidated: { tags: string[]; all: boolean }[] = [];

beforeAll(async () => {
  magento = await startFakeMagento({ delayMs: 0 });
  adapters = createAdapters({ magentoUrl: magento.url });
  const onPurged = (tags: string[], info: { all: boolean }) => void revalidated.push({ tags, ...info });
  server = await startPurgeServer({ port: 0, handler: createPurgeHandler({ cache: adapters, onPurged, maxBodyBytes: 1024 }) });
  noFlush = await startPurgeServer({ port: 0, handler: createPurgeHandler({ cache: adapters, onPurged, allowFullFlush: false }) });
});
afterAll(async () => {
  await Promise.all([server.close(), noFlush.close()]);
  await adapters.close();
  await magento.close();
});

/** Caches the product (tag cat_p_1) and returns Magento's call count. */
async function warm(): Promise<number> {
  await adapters.getProductBySku("24-MB01");
  return magento.calls();
}

async function stillCached(calls: number): Promise<boolean> {
  await adapters.getProductBySku("24-MB01");
  return magento.calls() === calls;
}

const post = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("createPurgeHandler (memory cache)", () => {
  it("accepts PURGE with Magento's pattern: drops the tagged entry and tells the frontend", async () => {
    const calls = await warm();
    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))|((^|,)cat_c_3(,|$))" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ purged: true, tags: ["cat_p_1", "cat_c_3"], all: false, dropped: 1 });
    expect(revalidated.at(-1)).toEqual({ tags: ["cat_p_1", "cat_c_3"], all: false });
    expect(await stillCached(calls)).toBe(false);
  });

  it("accepts PURGE of tags this process never cached, and still passes them on", async () => {
    const calls = await warm();
    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_999(,|$))" } });
    expect(await res.json()).toEqual({ purged: true, tags: ["cat_p_999"], all: false, dropped: 0 });
    expect(revalidated.at(-1)).toEqual({ tags: ["cat_p_999"], all: false });
    expect(await stillCached(calls)).toBe(true);
  });

  it("accepts PURGE .* as a full flush", async () => {
    const calls = await warm();
    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": ".*" } });
    expect(await res.json()).toEqual({ purged: true, tags: [], all: true, dropped: 1 });
    expect(revalidated.at(-1)).toEqual({ tags: [], all: true });
    expect(await stillCached(calls)).toBe(false);
  });

  it.each([
    ["accepts POST { tags }", { tags: ["cat_p_1"] }, { purged: true, tags: ["cat_p_1"], all: false, dropped: 1 }],
    ["accepts POST { all: true }", { all: true }, { purged: true, tags: [], all: true, dropped: 1 }],
  ])("%s", async (_name, body, expected) => {
    const calls = await warm();
    const res = await fetch(`${server.url}/purge`, post(body));
    expect(await res.json()).toEqual(expected);
    expect(await stillCached(calls)).toBe(false);
  });

  const patternRefusal = "X-Magento-Tags-Pattern must be Magento's ((^|,)<tag>(,|$)) alternatives joined by | (tags of 1 to 200 letters, digits, _ . : -), or exactly .* for a full flush";
  it.each([
    ["PURGE without a pattern", { method: "PURGE" }, 400, "X-Magento-Tags-Pattern header required"],
    ["PURGE with only X-Pool", { method: "PURGE", headers: { "X-Pool": "static" } }, 400, "X-Pool purges are not supported: send X-Magento-Tags-Pattern with Magento's tags, or exactly .* to flush everything"],
    ["PURGE with a free regex", { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "^cat_p_[0-9]+$" } }, 400, patternRefusal],
    ["PURGE with a backtracking bomb", { method: "PURGE", headers: { "X-Magento-Tags-Pattern": `(a+)+$|${"a".repeat(40)}!` } }, 400, patternRefusal],
    ["PURGE with an empty pattern", { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "" } }, 400, patternRefusal],
    ["POST that is not JSON", post("tags=1"), 400, "body must be JSON { \"tags\": [...] } or { \"all\": true }: Unexpected token 'a', \"tags=1\" is not valid JSON"],
    ["POST with empty tags", post({ tags: [] }), 400, "tags: Too small: expected array to have >=1 items"],
    ["POST with a bad tag", post({ tags: ["cat_p_1", "a b"] }), 400, "tags.1: tag must be 1 to 200 letters, digits, _ . : -"],
    ["POST with all: false and no tags", post({ all: false }), 400, "tags: Invalid input: expected array, received undefined"],
    ["POST larger than maxBodyBytes", post({ tags: Array.from({ length: 200 }, (_, i) => `cat_p_${i}`) }), 413, "body larger than 1024 bytes"],
    ["GET", { method: "GET" }, 405, "method GET not allowed: use PURGE or POST"],
  ])("rejects %s, purging nothing", async (_name, init, status, error) => {
    const calls = await warm();
    const before = revalidated.length;
    const res = await fetch(server.url, init as RequestInit);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error });
    expect(revalidated.length).toBe(before);
    expect(await stillCached(calls)).toBe(true);
  });

  it("answers 405 with the methods it allows", async () => {
    const res = await fetch(server.url, { method: "DELETE" });
    expect(res.headers.get("allow")).toBe("PURGE, POST");
    await res.body?.cancel();
  });

  it.each([
    ["PURGE .*", { method: "PURGE", headers: { "X-Magento-Tags-Pattern": ".*" } }],
    ["POST { all: true }", post({ all: true })],
  ])("rejects a full flush (%s) with 403 where PURGE_ALLOW_FULL_FLUSH is false", async (_name, init) => {
    const calls = await warm();
    const res = await fetch(noFlush.url, init as RequestInit);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "a full flush (.*) is disabled here (PURGE_ALLOW_FULL_FLUSH=false)" });
    expect(await stillCached(calls)).toBe(true);
  });

  it("still purges tags where full flushes are disabled", async () => {
    const calls = await warm();
    const res = await fetch(noFlush.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))" } });
    expect(res.status).toBe(200);
    expect(await stillCached(calls)).toBe(false);
  });
});
