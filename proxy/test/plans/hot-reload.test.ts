// Plans edited on disk under steady keep-alive load: no request fails, each change applies within the
// 1 s the issue promises, a broken edit is refused while the last good plans keep serving.
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
const debug = { "x-strangler-debug": ADMIN_TOKEN };

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  plans = await createPlansDir({ "hot.yaml": planYaml("hot", "  - path: /hot/**") });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

async function decisionFor(path: string): Promise<string> {
  const response = await fetch(`${proxy.shopUrl}${path}`, { headers: debug });
  await response.arrayBuffer();
  return response.headers.get("x-strangler-decision") ?? "";
}

/** Polls until the decision for `path` contains `expected`; fails if that takes more than 1 s. */
async function expectAppliedWithinOneSecond(path: string, expected: string): Promise<void> {
  const deadline = Date.now() + 1_000;
  let last = "";
  while (Date.now() < deadline) {
    last = await decisionFor(path);
    if (last.includes(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`after 1 s, ${path} still decided "${last}", expected "${expected}"`);
}

describe("hot reload", () => {
  it("applies edits under steady load with zero failed requests and keeps serving through a broken edit", async () => {
    let stop = false;
    const failures: string[] = [];
    let done = 0;
    const worker = async (id: number) => {
      for (let i = 0; !stop && i < 20_000; i++) {
        const path = i % 2 === 0 ? `/hot/${id}` : `/other/${id}`;
        try {
          const response = await fetch(`${proxy.shopUrl}${path}`);
          const body = await response.text();
          if (response.status !== 200 || !/^(legacy|new) GET/.test(body)) failures.push(`${path}: ${response.status} ${body.slice(0, 40)}`);
        } catch (error) {
          failures.push(`${path}: ${String(error)}`);
        }
        done += 1;
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, id) => worker(id)));
    const startedAt = Date.now();

    await expectAppliedWithinOneSecond("/hot/a", "target=new-frontend; plan=hot");
    await plans.write("hot.yaml", planYaml("hot", "  - path: /hot/**").replace("percentage: 100", "percentage: 0"));
    await expectAppliedWithinOneSecond("/hot/a", "target=legacy; plan=hot; route=hot#0; reason=rollout");
    await plans.write("hot.yaml", planYaml("hot", "  - path: /other/**"));
    await expectAppliedWithinOneSecond("/other/a", "target=new-frontend; plan=hot");
    expect(await decisionFor("/hot/a")).toContain("reason=no-route");

    await plans.write("hot.yaml", "id: hot\ntarget: new-frontend\nmatch: [ {path: \n");
    const status = await waitForRefusal();
    expect(status.problems[0]).toMatchObject({ code: "yaml-syntax" });
    expect(await decisionFor("/other/a")).toContain("target=new-frontend; plan=hot");

    await plans.write("second.yaml", planYaml("second", "  - path: /second"));
    await plans.write("hot.yaml", planYaml("hot", "  - path: /hot/**"));
    await expectAppliedWithinOneSecond("/hot/a", "target=new-frontend; plan=hot");
    await expectAppliedWithinOneSecond("/second", "plan=second");

    while (Date.now() - startedAt < 3_000) await new Promise((resolve) => setTimeout(resolve, 50));
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(done).toBeGreaterThan(100);
  });
});

async function waitForRefusal(): Promise<{ problems: Array<{ code: string }> }> {
  const deadline = Date.now() + 1_000;
  while (Date.now() < deadline) {
    const status = await (await fetch(`${proxy.adminUrl}/plans`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { problems: Array<{ code: string }> };
    if (status.problems.length > 0) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the broken edit was not reported within 1 s");
}
