// Through a real proxy: a plan that claims every path at 100 % still leaves every spelling of Magento's
// admin on legacy (index.php, letter case, store code), and the admin path follows ADMIN_PATH.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  plans = await createPlansDir({ "all.yaml": planYaml("everything", "  - path: /**") });
  proxy = await startTestProxy({
    legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, env: { ADMIN_PATH: "/backend_x1", STORE_CODES: "default,fr" },
  });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

async function route(path: string): Promise<{ body: string; decision: string | null }> {
  const response = await fetch(`${proxy.shopUrl}${path}`, { headers: { "x-strangler-debug": ADMIN_TOKEN } });
  return { body: await response.text(), decision: response.headers.get("x-strangler-decision") };
}

describe("Magento's admin through the proxy", () => {
  it.each(["/backend_x1", "/backend_x1/sales/order/", "/BACKEND_X1/", "/index.php/backend_x1/dashboard/", "/fr/backend_x1", "/index.php/default/Backend_X1/"])(
    "keeps %s on legacy although a plan claims every path", async (path) => {
      const { body, decision } = await route(path);
      expect(decision).toBe("target=legacy; plan=-; route=-; reason=admin-path");
      expect(body).toBe(`legacy GET ${path}`);
    });

  it.each(["/admin", "/backend_x12", "/gear/backend_x1"])("routes %s by the plan (the admin path is ADMIN_PATH, whole segments only)", async (path) => {
    const { body, decision } = await route(path);
    expect(decision).toBe("target=new-frontend; plan=everything; route=everything#0; reason=rollout");
    expect(body).toBe(`new GET ${path}`);
  });
});
