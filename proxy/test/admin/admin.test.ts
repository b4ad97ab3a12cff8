// The admin port: open probes, everything else behind the bearer token; decisions, plans, metrics, and
// the flags member's router mounted at /flags (its kill switch moves shop traffic at once).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlagProvider, toFlagsConfig, flagsEnvSchema } from "../../src/flags/index.ts";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
let stateDir: string;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  plans = await createPlansDir({ "p.yaml": planYaml("pdp", "  - path: /p/**") });
  stateDir = await mkdtemp(join(tmpdir(), "strangler-flags-"));
  const flagProvider = await createFlagProvider(toFlagsConfig(flagsEnvSchema.parse({ FLAG_STATE_DIR: stateDir, FLAG_REFRESH_MS: "100" })), { logger: pino({ level: "silent" }) });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { flagProvider } });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove(), rm(stateDir, { recursive: true, force: true })]);
});

describe("admin API", () => {
  it.each(["/healthz", "/readyz"])("answers %s without a token", async (path) => {
    const response = await fetch(`${proxy.adminUrl}${path}`);
    expect(response.status).toBe(200);
  });

  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer wrong-token-wrong-token" }],
    ["a token prefix", { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
    ["another scheme", { authorization: `Basic ${ADMIN_TOKEN}` }],
  ])("rejects %s with 401", async (_name, headers) => {
    for (const path of ["/decisions", "/plans", "/metrics", "/flags", "/upstreams"]) {
      const response = await fetch(`${proxy.adminUrl}${path}`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: "UNAUTHORIZED", message: "send Authorization: Bearer <ADMIN_TOKEN>" });
    }
  });

  it("lists recent decisions, newest first", async () => {
    await fetch(`${proxy.shopUrl}/p/one`).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/elsewhere`).then((r) => r.text());
    const { decisions } = await (await fetch(`${proxy.adminUrl}/decisions?limit=2`, { headers: auth })).json() as { decisions: unknown[] };
    expect(decisions).toEqual([
      expect.objectContaining({ method: "GET", path: "/elsewhere", status: 200, upstream: "legacy", reason: "no-route" }),
      expect.objectContaining({ method: "GET", path: "/p/one", status: 200, upstream: "new-frontend", plan: "pdp", route: "pdp#0", reason: "rollout" }),
    ]);
  });

  it("shows the loaded plans and no problems", async () => {
    const status = await (await fetch(`${proxy.adminUrl}/plans`, { headers: auth })).json() as { plans: Array<{ id: string }>; problems: unknown[] };
    expect(status.plans.map((plan) => plan.id)).toEqual(["pdp"]);
    expect(status.problems).toEqual([]);
  });

  it("exposes Prometheus metrics with requests by plan, side, upstream, reason, method and status", async () => {
    const text = await (await fetch(`${proxy.adminUrl}/metrics`, { headers: auth })).text();
    expect(text).toMatch(/strangler_requests_total\{plan="pdp",side="new",upstream="new-frontend",reason="rollout",method="read",status="2xx"\} \d+/);
    expect(text).toContain('strangler_circuit_open{upstream="new-frontend"} 0');
    // Local flags: no record yet, so the plan's own rollout; the store was read moments ago.
    expect(text).toContain('strangler_plan_share_percent{plan="pdp"} 100');
    expect(Number(/^strangler_flag_refresh_age_seconds (\S+)$/m.exec(text)?.[1])).toBeLessThan(60);
  });

  it("mounts the flags router: the kill switch sends the plan's traffic to legacy at once", async () => {
    const flags = await (await fetch(`${proxy.adminUrl}/flags`, { headers: auth })).json();
    expect(JSON.stringify(flags)).toContain("strangler.pdp");
    const killed = await fetch(`${proxy.adminUrl}/flags/strangler.pdp/kill`, { method: "POST", headers: auth });
    expect(killed.status).toBe(200);
    const response = await fetch(`${proxy.shopUrl}/p/two`, { headers: { "x-strangler-debug": ADMIN_TOKEN } });
    expect(await response.text()).toBe("legacy GET /p/two");
    expect(response.headers.get("x-strangler-decision")).toBe("target=legacy; plan=pdp; route=pdp#0; reason=flag-off");
    const metrics = await (await fetch(`${proxy.adminUrl}/metrics`, { headers: auth })).text();
    expect(metrics).toContain('strangler_plan_share_percent{plan="pdp"} 0');
  });

  it("answers unknown admin paths with a JSON 404", async () => {
    const response = await fetch(`${proxy.adminUrl}/nope`, { headers: auth });
    expect([response.status, await response.json()]).toEqual([404, { code: "NOT_FOUND", message: "no such admin endpoint" }]);
  });
});
