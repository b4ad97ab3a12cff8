// A collaborator that breaks its promise (a flag provider that throws) must not take the shop down.
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
  plans = await createPlansDir({ "p.yaml": planYaml("pdp", "  - path: /p/**") });
  const throwing = { evaluate: () => { throw new Error("flag store exploded"); }, ready: () => true, close: async () => {} };
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { flagProvider: throwing } });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

describe("routing failure", () => {
  it("sends the request to legacy and keeps serving", async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${proxy.shopUrl}/p/${i}`, { headers: { "x-strangler-debug": ADMIN_TOKEN } });
      expect(await response.text()).toBe(`legacy GET /p/${i}`);
      expect(response.headers.get("x-strangler-decision")).toBe("target=legacy; plan=-; route=-; reason=undecided");
    }
  });
});
