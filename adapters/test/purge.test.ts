// The purge endpoint over real HTTP: Varnish-style PURGE with X-Magento-Tags-Pattern, POST tags,
// and the errors Magento's VCL would give.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, createPurgeHandler, parseTagsPattern, startPurgeServer } from "../src/index.ts";
import type { Adapters, PurgeServer } from "../src/index.ts";
import { startFakeMagento } from "./support/fake-magento.ts";
import type { FakeMagento } from "./support/fake-magento.ts";

let magento: FakeMagento;
let adapters: Adapters;
let server: PurgeServer;
const purged: { tags: string[]; all: boolean }[] = [];

beforeAll(async () => {
  magento = await startFakeMagento({ delayMs: 0 });
  adapters = createAdapters({ magentoUrl: magento.url });
  server = await startPurgeServer({ port: 0, handler: createPurgeHandler({ cache: adapters, onPurged: (tags, info) => void purged.push({ tags, ...info }) }) });
});
afterAll(async () => {
  await server.close();
  await adapters.close();
  await magento.close();
});

async function warm(): Promise<number> {
  await adapters.getProductBySku("24-MB01");
  return magento.calls();
}

describe("parseTagsPattern", () => {
  it.each([
    ["accepts Magento's OR of tags", "((^|,)cat_p_1(,|$))|((^|,)cat_c_5(,|$))", { kind: "tags", tags: ["cat_p_1", "cat_c_5"] }],
    ["accepts one tag", "((^|,)cms_b_footer(,|$))", { kind: "tags", tags: ["cms_b_footer"] }],
    ["accepts .* as everything", ".*", { kind: "all" }],
  ])("%s", (_name, pattern, expected) => {
    expect(parseTagsPattern(pattern)).toEqual(expected);
  });

  it("accepts any other regex as a regex over tags", () => {
    const parsed = parseTagsPattern("^cat_p_1[0-9]$");
    expect(parsed.kind).toBe("regex");
  });

  it("rejects an invalid regex", () => {
    expect(() => parseTagsPattern("((^|,)cat_p_1(")).toThrow(SyntaxError);
  });
});

describe("createPurgeHandler", () => {
  it("accepts PURGE with X-Magento-Tags-Pattern: drops the tagged entry and calls onPurged", async () => {
    const before = await warm();
    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))|((^|,)cat_c_5(,|$))" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ purged: true, tags: ["cat_p_1", "cat_c_5"], all: false, dropped: 1 });
    expect(purged.at(-1)).toEqual({ tags: ["cat_p_1", "cat_c_5"], all: false });
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(before + 1);
  });

  it("accepts PURGE of an unrelated tag and leaves the entry cached", async () => {
    const before = await warm();
    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "((^|,)cat_p_999(,|$))" } });
    expect(await res.json()).toMatchObject({ dropped: 0 });
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(before);
  });

  it("accepts PURGE with a free regex, applied to each cached tag", async () => {
    const before = await warm();
    const res = await fetch(server.url, { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "^cat_p_[0-9]+$" } });
    expect(await res.json()).toMatchObject({ tags: ["cat_p_1"] });
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(before + 1);
  });

  it("accepts PURGE .* and X-Pool as purge everything", async () => {
    for (const headers of [{ "X-Magento-Tags-Pattern": ".*" }, { "X-Pool": "static" }]) {
      const before = await warm();
      const res = await fetch(server.url, { method: "PURGE", headers });
      expect(await res.json()).toMatchObject({ all: true, dropped: 1 });
      await adapters.getProductBySku("24-MB01");
      expect(magento.calls()).toBe(before + 1);
    }
    expect(purged.at(-1)).toEqual({ tags: ["cat_p_1"], all: true });
  });

  it("accepts POST { tags }", async () => {
    const before = await warm();
    const res = await fetch(`${server.url}/purge`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tags: ["cat_p_1"] }) });
    expect(await res.json()).toEqual({ purged: true, tags: ["cat_p_1"], all: false, dropped: 1 });
    await adapters.getProductBySku("24-MB01");
    expect(magento.calls()).toBe(before + 1);
  });

  it.each([
    ["PURGE without pattern", { method: "PURGE" }, 400, "X-Magento-Tags-Pattern or X-Pool header required"],
    ["PURGE with a broken regex", { method: "PURGE", headers: { "X-Magento-Tags-Pattern": "(" } }, 400, "X-Magento-Tags-Pattern is not a valid regex: Invalid regular expression: /(/: Unterminated group"],
    ["POST that is not JSON", { method: "POST", body: "tags=1" }, 400, "body must be JSON { \"tags\": [...] }: Unexpected token 'a', \"tags=1\" is not valid JSON"],
    ["POST with empty tags", { method: "POST", body: "{\"tags\":[]}" }, 400, "tags: Too small: expected array to have >=1 items"],
    ["POST with a bad tag", { method: "POST", body: "{\"tags\":[\"a b\"]}" }, 400, "tags.0: tag must be letters, digits, _ . : -"],
    ["GET", { method: "GET" }, 405, "method GET not allowed: use PURGE or POST"],
  ])("rejects %s", async (_name, init, status, error) => {
    const res = await fetch(server.url, init as RequestInit);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error });
  });
});
