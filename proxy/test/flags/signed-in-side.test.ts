// "The same side after signing in", end to end: shoppers get their strangler_sid from the proxy on their
// first page, sign in on the real Magento sandbox THROUGH the proxy (Magento renews PHPSESSID and sets
// X-Magento-Vary), and each one still sees the side they saw before, for a plan sticky by session and
// one sticky by user. The proxy issues no new strangler_sid along the way.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagsEnvSchema, getBucket } from "../../src/flags/index.ts";
import { createProxy, loadConfig, type RunningProxy } from "../../src/index.ts";
import { startNamedUpstream } from "./support/upstreams.ts";

const SHOPPERS = 16;
const PLANS = {
  "by-session.yaml": "id: by-session\ntarget: new-frontend\nmatch:\n  - path: /by-session/**\nrollout: { percentage: 50, stickiness: sessionId }\n",
  "by-session-too.yaml": "id: by-session-too\ntarget: new-frontend\nmatch:\n  - path: /by-session-too/**\nrollout: { percentage: 50, stickiness: sessionId }\n",
};

const BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A cookie jar of one shopper, fed by every Set-Cookie the proxy passes on. */
function createShopper(shopUrl: string) {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    // A browser's User-Agent: node's own ("node") reads as a crawler, which gets no cookie mid-ramp.
    const headers = { "user-agent": BROWSER_AGENT, ...(init.headers as Record<string, string>), cookie };
    const response = await fetch(`${shopUrl}${path}`, { ...init, redirect: "manual", headers });
    for (const line of response.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
  const sideOf = async (path: string) => ((await (await send(path)).text()) === "new" ? "new" : "legacy");
  return { jar, setCookies, send, sideOf };
}

describe("a shopper's side across signing in (proxy in front of the sandbox)", () => {
  let sandbox: RunningSandbox;
  let proxy: RunningProxy;
  let fresh: { url: string; close(): Promise<void> };
  const dirs: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    fresh = await startNamedUpstream("new");
    const [plansDir, stateDir] = [await mkdtemp(join(tmpdir(), "strangler-signin-plans-")), await mkdtemp(join(tmpdir(), "strangler-signin-state-"))];
    dirs.push(plansDir, stateDir);
    for (const [file, text] of Object.entries(PLANS)) await writeFile(join(plansDir, file), text);
    const env = {
      PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN: "signin-admin-token-0123456789", LOG_LEVEL: "silent", SHUTDOWN_TIMEOUT_MS: "1000",
      LEGACY_URL: sandbox.url, NEW_FRONTEND_URL: fresh.url, PLANS_DIR: plansDir, FLAG_REFRESH_MS: "1000", FLAG_STATE_DIR: stateDir,
    };
    proxy = await createProxy(loadConfig(env, flagsEnvSchema), { defaultMetrics: false });
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all([fresh?.close(), sandbox?.close()]);
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("keeps every shopper on the side they had before signing in, in two plans sticky by session", async () => {
    const before: string[] = [];
    const after: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < SHOPPERS; i++) {
      const shopper = createShopper(proxy.shopUrl);
      // The first page mid-ramp gives the shopper its strangler_sid (the login page, matched by no plan, does not).
      const first = await shopper.sideOf(`/by-session/${i}`);
      const sid = shopper.jar.get("strangler_sid")!;
      expect(shopper.setCookies.find((line) => line.startsWith("strangler_sid="))).toBe(`strangler_sid=${sid}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
      expect((await shopper.send("/customer/account/login/")).status).toBe(200);
      const sessionBefore = shopper.jar.get("PHPSESSID");
      before.push(`${first}/${await shopper.sideOf(`/by-session-too/${i}`)}`);

      const body = new URLSearchParams({ form_key: shopper.jar.get("form_key")!, "login[username]": "roni_cost@example.com", "login[password]": "Test1234!" });
      const login = await shopper.send("/customer/account/loginPost/", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect([login.status, login.headers.get("location")]).toEqual([302, "/customer/account/"]);
      expect(shopper.jar.get("PHPSESSID")).not.toBe(sessionBefore);
      expect(shopper.jar.has("X-Magento-Vary")).toBe(true);

      after.push(`${await shopper.sideOf(`/by-session/${i}`)}/${await shopper.sideOf(`/by-session-too/${i}`)}`);
      expect(shopper.setCookies.filter((line) => line.startsWith("strangler_sid="))).toHaveLength(1);
      expect(shopper.jar.get("strangler_sid")).toBe(sid);
      const side = (flag: string) => (getBucket(flag, sid) <= 50 ? "new" : "legacy");
      expected.push(`${side("strangler.by-session")}/${side("strangler.by-session-too")}`);
    }
    expect(after).toEqual(before);
    expect(before).toEqual(expected);
    // Both sides occur, so a proxy that sent everyone one way could not pass.
    expect(new Set(before.flatMap((pair) => pair.split("/")))).toEqual(new Set(["new", "legacy"]));
  }, 60_000);
});
