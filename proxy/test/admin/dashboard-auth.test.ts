// The dashboard's doors over real HTTP: the login form takes the admin token by POST only and answers a
// signed HttpOnly SameSite=Strict cookie; that cookie reads the admin API, but a change also needs the
// session's CSRF header; a forged, expired or cross-site attempt is refused; Bearer keeps working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionSigner } from "../../src/admin/dashboard/session.ts";
import { startCliProxy, type CliProxy } from "../cli/support/cli-proxy.ts";
import { ADMIN_TOKEN } from "../support/proxy.ts";

const PLANS = { "pdp.yaml": "id: pdp\ntarget: new-frontend\nmatch:\n  - path: /p/**\nrollout: { percentage: 10, stickiness: sessionId }\n" };
let running: CliProxy;
let admin: string;

async function login(token: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${admin}/login`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ name: "carol", token }).toString(),
  });
}

async function sessionCookie(): Promise<string> {
  const response = await login(ADMIN_TOKEN);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

beforeAll(async () => {
  running = await startCliProxy(PLANS);
  admin = running.proxy.adminUrl;
});
afterAll(() => running.close());

describe("dashboard login", () => {
  it("serves the login form at / without a session, with a strict CSP", async () => {
    const response = await fetch(`${admin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<form method="post" action="/login"');
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("accepts the token: a signed HttpOnly SameSite=Strict cookie and a redirect to /", async () => {
    const response = await login(ADMIN_TOKEN, { origin: admin });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(response.headers.get("set-cookie")).toMatch(/^strangler_admin=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
  });

  it.each([
    ["a wrong token", "wrong-token-wrong-token", {}, 401, "That is not the proxy&#39;s admin token."],
    ["another site's form", ADMIN_TOKEN, { origin: "http://evil.example" }, 403, "This form only works from the dashboard&#39;s own page."],
  ])("rejects %s", async (_name, token, headers, status, message) => {
    const response = await login(token, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain(message);
  });

  it("serves uPlot and the page's script from the proxy itself", async () => {
    for (const file of ["uPlot.iife.min.js", "uPlot.min.css", "app.js", "app.css"]) {
      expect((await fetch(`${admin}/dashboard/assets/${file}`)).status).toBe(200);
    }
    // Only the four listed files are public; any other name falls through to the token check.
    expect((await fetch(`${admin}/dashboard/assets/..%2Fsession.ts`)).status).toBe(401);
  });
});

describe("dashboard session", () => {
  it("reads the admin API and the page's state with the cookie", async () => {
    const cookie = await sessionCookie();
    expect((await fetch(`${admin}/plans`, { headers: { cookie } })).status).toBe(200);
    const state = await (await fetch(`${admin}/dashboard/api/state`, { headers: { cookie } })).json() as { plans: Array<{ id: string; share: { percentage: number } }> };
    expect(state.plans.map((plan) => [plan.id, plan.share.percentage])).toEqual([["pdp", 10]]);
    expect(await (await fetch(`${admin}/`, { headers: { cookie } })).text()).toContain('<script src="/dashboard/assets/app.js"');
  });

  it("refuses a change without the CSRF header, accepts it with one, and logs the session's name", async () => {
    const cookie = await sessionCookie();
    const put = (headers: Record<string, string>) => fetch(`${admin}/flags/strangler.pdp`, {
      method: "PUT", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ percentage: 20 }),
    });
    const refused = await put({});
    expect(refused.status).toBe(403);
    expect((await refused.json() as { code: string }).code).toBe("CSRF");
    expect((await put({ "x-strangler-csrf": "forged" })).status).toBe(403);
    const { csrf } = await (await fetch(`${admin}/dashboard/api/session`, { headers: { cookie } })).json() as { csrf: string };
    // A dashboard session cannot pretend to be someone else through the actor header.
    expect((await put({ "x-strangler-csrf": csrf, "x-strangler-actor": "mallory" })).status).toBe(200);
    const { entries } = await (await fetch(`${admin}/audit?limit=1`, { headers: { cookie } })).json() as { entries: Array<{ actor: string; to: number }> };
    expect(entries[0]).toMatchObject({ actor: "dashboard:carol", to: 20 });
  });

  it.each([
    ["a forged signature", (value: string) => `${value.split(".")[0]}.AAAA`],
    ["another token's session", () => createSessionSigner({ secret: "another-admin-token-0123456789" }).issue("x").cookie.split(";")[0]!.split("=")[1]!],
    ["an expired session", () => createSessionSigner({ secret: ADMIN_TOKEN, now: () => Date.now() - 9 * 3_600_000 }).issue("x").cookie.split(";")[0]!.split("=")[1]!],
  ])("rejects %s with 401", async (_name, forge) => {
    const value = (await sessionCookie()).split("=")[1]!;
    const response = await fetch(`${admin}/plans`, { headers: { cookie: `strangler_admin=${forge(value)}` } });
    expect(response.status).toBe(401);
  });

  it("keeps Bearer access, with no CSRF header, for the CLI", async () => {
    const response = await fetch(`${admin}/flags/strangler.pdp`, {
      method: "PUT", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ percentage: 10 }),
    });
    expect(response.status).toBe(200);
  });

  it("signs out by clearing the cookie", async () => {
    const response = await fetch(`${admin}/logout`, { method: "POST", redirect: "manual", headers: { cookie: await sessionCookie(), origin: admin } });
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/^strangler_admin=; .*Max-Age=0$/);
  });
});
