// The page cache's rules as tables: which requests it may answer, which answers it may keep (and how long),
// where tags come from, and what the key holds.
import { describe, expect, it } from "vitest";
import { bypassReason, readStorable, readTags } from "../../src/page-cache/cache-policy.ts";
import { buildCacheKey, sortQuery } from "../../src/page-cache/cache-key.ts";

const limits = { maxTtlMs: 300_000, maxStaleMs: 60_000 };
const request = { method: "GET", headers: {}, hasBody: false, debug: false, forced: false, target: "new-frontend" };

describe("bypassReason", () => {
  it.each([
    [{}, undefined],
    [{ method: "HEAD" }, undefined],
    [{ method: "POST" }, "method"],
    [{ target: "legacy" }, "legacy"],
    [{ debug: true }, "debug"],
    [{ forced: true }, "debug"],
    [{ hasBody: true }, "body"],
    [{ headers: { authorization: "Basic x" } }, "credentials"],
    [{ headers: { range: "bytes=0-1" } }, "range"],
    [{ headers: { cookie: "a=1; __prerender_bypass=x" } }, "preview"],
    [{ headers: { rsc: "1" } }, "navigation"],
    [{ headers: { "next-router-prefetch": "1" } }, "navigation"],
    [{ headers: { cookie: "PHPSESSID=1; X-Magento-Vary=abc" } }, undefined],
  ])("%j → %s", (change, expected) => {
    expect(bypassReason({ ...request, ...change })).toBe(expected);
  });
});

describe("readStorable", () => {
  const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));
  it.each([
    [200, { "cache-control": "s-maxage=300, stale-while-revalidate=31535700" }, { ttlMs: 300_000, staleMs: 60_000 }],
    [200, { "cache-control": "public, max-age=86400" }, { ttlMs: 300_000, staleMs: 0 }],
    [200, { "cache-control": "public, s-maxage=10, max-age=0" }, { ttlMs: 10_000, staleMs: 0 }],
    [200, { "cache-control": "public" }, "cache-control"],
    [200, { "cache-control": "s-maxage=0" }, "cache-control"],
    [200, {}, "cache-control"],
    [200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" }, "cache-control"],
    [200, { "cache-control": "s-maxage=60, no-cache" }, "cache-control"],
    [200, { "cache-control": "s-maxage=60", "set-cookie": "PHPSESSID=1" }, "set-cookie"],
    [200, { "cache-control": "s-maxage=60", vary: "rsc, next-router-state-tree, Accept-Encoding" }, { ttlMs: 60_000, staleMs: 0 }],
    [200, { "cache-control": "s-maxage=60", vary: "Cookie" }, "vary"],
    [200, { "cache-control": "s-maxage=60", vary: "*" }, "vary"],
    [500, { "cache-control": "s-maxage=60" }, "status"],
    [302, { "cache-control": "s-maxage=60" }, "status"],
    [404, { "cache-control": "s-maxage=60" }, { ttlMs: 60_000, staleMs: 0 }],
  ])("%i %j → %j", (status, given, expected) => {
    expect(readStorable(status, headers(given), limits)).toEqual(expected);
  });
});

describe("readTags", () => {
  it("reads X-Magento-Tags and the page's meta, drops malformed tags", () => {
    expect(readTags("cat_p_1,cat_c_2, bad t@g", undefined)).toEqual(["cat_p_1", "cat_c_2", "bad"]);
    expect(readTags(undefined, '<head><meta name="x-magento-tags" content="cat_p_1,strangler_navigation"/></head>')).toEqual(["cat_p_1", "strangler_navigation"]);
    expect(readTags(undefined, "<p>no tags</p>")).toEqual([]);
  });
});

describe("buildCacheKey", () => {
  const facts = { proto: "https", path: "/a.html", search: "", storeCode: "default", headers: { host: "Shop.Example" } };
  const key = (change: object) => buildCacheKey({ ...facts, ...change });
  it("separates what Magento's full-page cache separates, and only that", () => {
    const base = key({});
    expect(key({ headers: { host: "shop.example", cookie: "PHPSESSID=abc; form_key=x" } })).toBe(base);
    expect(key({ search: "?b=2&a=1" })).toBe(key({ search: "?a=1&b=2" }));
    for (const other of [
      { proto: "http" }, { storeCode: "fr" }, { path: "/b.html" }, { search: "?p=2" },
      { headers: { host: "other.example" } },
      { headers: { host: "shop.example", cookie: "X-Magento-Vary=group2hash" } },
      { headers: { host: "shop.example", cookie: "store=fr" } },
      { headers: { host: "shop.example", "accept-encoding": "gzip" } },
    ]) expect(key(other)).not.toBe(base);
  });

  it("refuses to key by a part too long to keep whole", () => {
    expect(key({ headers: { host: "shop.example", cookie: `X-Magento-Vary=${"a".repeat(600)}` } })).toBeUndefined();
  });

  it("sorts the query", () => {
    expect([sortQuery(""), sortQuery("?"), sortQuery("?b=1&a=2&&"), sortQuery("?q=x")]).toEqual(["", "", "?a=2&b=1", "?q=x"]);
  });
});
