// With a shared cache (Varnish, Fastly, a CDN) in front of the proxy: the sticky cookie is set only where
// the side depended on it (a plan strictly between 0 and 100 % matched), such answers and any engineer's
// debug or forced answer are never shared-cacheable, and crawlers without our cookie see one side per plan,
// always the same, without a cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream, UpstreamHandler } from "../support/upstream.ts";

const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const SESSION_COOKIE = /^strangler_sid=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/;

// Magento's full-page cache answer: public for Varnish, with Varnish's own Surrogate-Control.
const cacheable = (name: string): UpstreamHandler => (req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain", "Cache-Control": "public, max-age=86400, s-maxage=86400", "Surrogate-Control": "max-age=86400" });
  res.end(`${name} ${req.url}`);
};

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
let toTarget: RunningProxy;

beforeAll(async () => {
  legacy = await startUpstream("legacy", cacheable("legacy"));
  next = await startUpstream("new", cacheable("new"));
  plans = await createPlansDir({
    "half.yaml": planYaml("half", "  - path: /half/**").replace("percentage: 100", "percentage: 50"),
    "full.yaml": planYaml("full", "  - path: /full/**"),
    "off.yaml": planYaml("off", "  - path: /off/**").replace("percentage: 100", "percentage: 0"),
    "dice.yaml": planYaml("dice", "  - path: /dice/**").replace("percentage: 100, stickiness: sessionId", "percentage: 50, stickiness: random"),
  });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, env: { TRUST_PROXY: "loopback" } });
  toTarget = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, env: { BOT_SIDE: "target" } });
});
afterAll(async () => {
  await Promise.all([proxy.close(), toTarget.close()]);
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

async function get(path: string, headers: Record<string, string> = {}, via = proxy) {
  const response = await fetch(`${via.shopUrl}${path}`, { headers: { "user-agent": BROWSER, ...headers } });
  return {
    body: await response.text(), setCookie: response.headers.get("set-cookie"), cacheControl: response.headers.get("cache-control"),
    surrogate: response.headers.get("surrogate-control"),
  };
}

describe("the sticky cookie and shared caches", () => {
  it("sets strangler_sid on a plan mid-ramp, and makes that answer private whichever side served it", async () => {
    const sides = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const first = await get(`/half/p${i}`);
      expect(first.setCookie).toMatch(SESSION_COOKIE);
      expect([first.cacheControl, first.surrogate]).toEqual(["private, max-age=86400", null]);
      sides.add(first.body.split(" ")[0]!);
    }
    expect(sides).toEqual(new Set(["legacy", "new"]));
  });

  it("keeps a shopper who has the cookie on their side, still private, without setting it again", async () => {
    const first = await get("/half/a");
    const cookie = first.setCookie!.split(";")[0]!;
    for (let i = 0; i < 10; i++) {
      const again = await get("/half/a", { cookie });
      expect([again.body, again.setCookie, again.cacheControl]).toEqual([first.body, null, "private, max-age=86400"]);
    }
  });

  it("marks the cookie Secure behind a trusted balancer speaking https", async () => {
    expect((await get("/half/s", { "x-forwarded-proto": "https" })).setCookie).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it.each([
    ["a plan at 100 %", "/full/x", "new /full/x"],
    ["a plan at 0 %", "/off/x", "legacy /off/x"],
    ["no plan", "/elsewhere", "legacy /elsewhere"],
  ])("leaves %s the same for everyone: no cookie, the upstream's caching untouched", async (_name, path, body) => {
    expect(await get(path)).toEqual({ body, setCookie: null, cacheControl: "public, max-age=86400, s-maxage=86400", surrogate: "max-age=86400" });
  });

  it("makes random stickiness private but sets no cookie (there is no session to keep)", async () => {
    const answer = await get("/dice/x");
    expect([answer.setCookie, answer.cacheControl]).toEqual([null, "private, max-age=86400"]);
  });

  it.each([
    ["a debug request", { "x-strangler-debug": ADMIN_TOKEN }, "/full/x"],
    ["a forced target", { "x-strangler-debug": ADMIN_TOKEN, "x-strangler-force": "legacy" }, "/full/x"],
  ])("answers %s private and never stored", async (_name, headers, path) => {
    expect((await get(path, headers)).cacheControl).toBe("private, no-store");
  });
});

describe("crawlers", () => {
  it("send a crawler without our cookie to the plan's fallback mid-ramp, every time, with no cookie, privately", async () => {
    for (let i = 0; i < 20; i++) {
      const answer = await get(`/half/crawl-${i}`, { "user-agent": GOOGLEBOT, "x-strangler-debug": ADMIN_TOKEN });
      expect([answer.body, answer.setCookie]).toEqual([`legacy /half/crawl-${i}`, null]);
    }
    const response = await fetch(`${proxy.shopUrl}/half/x`, { headers: { "user-agent": GOOGLEBOT, "x-strangler-debug": ADMIN_TOKEN } });
    expect(response.headers.get("x-strangler-decision")).toBe("target=legacy; plan=half; route=half#0; reason=crawler");
    expect((await get("/half/y", { "user-agent": GOOGLEBOT })).cacheControl).toBe("private, max-age=86400");
  });

  it("send them to the plan's target instead with BOT_SIDE=target", async () => {
    for (let i = 0; i < 10; i++) expect((await get(`/half/t${i}`, { "user-agent": GOOGLEBOT }, toTarget)).body).toBe(`new /half/t${i}`);
  });

  it("let a crawler follow the flag like anyone where the plan does not split", async () => {
    expect(await get("/full/x", { "user-agent": GOOGLEBOT })).toMatchObject({ body: "new /full/x", setCookie: null });
  });

  it("treat a client that keeps our cookie as a shopper, whatever its User-Agent", async () => {
    const sid = "keptCookieSession0000001";
    const sides = await Promise.all(Array.from({ length: 5 }, () => get("/half/k", { "user-agent": "curl/8.5.0", cookie: `strangler_sid=${sid}` })));
    expect(new Set(sides.map((side) => side.body)).size).toBe(1);
    const many = await Promise.all(Array.from({ length: 30 }, (_, i) => get("/half/k", { "user-agent": "curl/8.5.0", cookie: `strangler_sid=${sid}${i}` })));
    expect(new Set(many.map((side) => side.body.split(" ")[0]))).toEqual(new Set(["legacy", "new"]));
  });
});
