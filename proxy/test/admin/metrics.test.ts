// /metrics through a real proxy: requests and durations by plan, side, upstream, reason, method class
// and status class, the fine duration buckets, fallbacks by plan, flag shares and plan problems,
// page-type lookups and saved-state answers. The sum across WORKERS=2 is in metrics-cluster.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlagProvider } from "../../src/flags/types.ts";
import type { RunningProxy } from "../../src/index.ts";
import { createPlanRolloutProvider } from "../../src/routing/plan-rollout-provider.ts";
import { startFakeMagento } from "../support/fake-graphql.ts";
import type { FakeMagento } from "../support/fake-graphql.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const BUCKETS = ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "+Inf"];

/** Every sample of `name` as [labels text, value]. */
function samples(text: string, name: string): Array<[string, number]> {
  return [...text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, "gm"))].map((m) => [m[1]!, Number(m[2])]);
}
function value(text: string, name: string, labels: string): number | undefined {
  return samples(text, name).find(([l]) => l === labels)?.[1];
}

let legacy: FakeMagento;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
const scrape = async (target = proxy) => (await fetch(`${target.adminUrl}/metrics`, { headers: auth })).text();

beforeAll(async () => {
  legacy = await startFakeMagento({ "/joust-duffle-bag.html": "PRODUCT" });
  next = await startUpstream("new", (req, res) => {
    // /p/slow answers after 30 ms (so its duration is above the 0.025 bucket whatever the machine's load);
    // /p/broken answers 503, which a GET replays to legacy.
    const status = req.url === "/p/broken" ? 503 : 200;
    setTimeout(() => { res.writeHead(status, { "Content-Type": "text/plain" }); res.end(`new ${req.method} ${req.url}`); }, req.url === "/p/slow" ? 30 : 0);
  });
  plans = await createPlansDir({
    "p.yaml": planYaml("pdp", "  - path: /p/**\n    methods: [GET, HEAD, POST]"),
    "q.yaml": "id: quarter\ntarget: new-frontend\nmatch:\n  - path: /q/**\nrollout: { percentage: 25, stickiness: sessionId }\n",
    "products.yaml": planYaml("products", "  - pageType: PRODUCT"),
  });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

describe("request metrics", () => {
  it("count each request once under its plan, side, upstream, reason, method class and status class", async () => {
    for (let i = 0; i < 3; i++) await fetch(`${proxy.shopUrl}/p/a`).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/p/a`, { method: "POST", body: "x=1" }).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/elsewhere`, { method: "OPTIONS" }).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/elsewhere`).then((r) => r.text());
    const text = await scrape();
    const requests = "strangler_requests_total";
    expect(value(text, requests, 'plan="pdp",side="new",upstream="new-frontend",reason="rollout",method="read",status="2xx"')).toBe(3);
    expect(value(text, requests, 'plan="pdp",side="new",upstream="new-frontend",reason="rollout",method="write",status="2xx"')).toBe(1);
    expect(value(text, requests, 'plan="none",side="legacy",upstream="legacy",reason="no-route",method="other",status="2xx"')).toBe(1);
    expect(value(text, requests, 'plan="none",side="legacy",upstream="legacy",reason="no-route",method="read",status="2xx"')).toBe(1);
    expect(text).toContain("# TYPE strangler_requests_total counter");
    expect(text).toContain("# TYPE strangler_request_duration_seconds histogram");
  });

  it("observe durations in buckets from 0.5 ms to 30 s, cumulative, with the count equal to the requests", async () => {
    await fetch(`${proxy.shopUrl}/p/slow`, { method: "POST", body: "y" }).then((r) => r.text());
    const text = await scrape();
    const labels = 'plan="pdp",side="new",upstream="new-frontend",reason="rollout",method="write",status="2xx"';
    const buckets = samples(text, "strangler_request_duration_seconds_bucket").filter(([l]) => l.startsWith(labels));
    expect(buckets.map(([l]) => /le="([^"]+)"/.exec(l)![1])).toEqual(BUCKETS);
    const counts = buckets.map(([, n]) => n);
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // cumulative
    expect(counts.at(-1)).toBe(2); // the earlier POST and this one
    expect(value(text, "strangler_request_duration_seconds_count", labels)).toBe(2);
    // This one took at least 30 ms: at most the fast POST is at or below 25 ms.
    expect(value(text, "strangler_request_duration_seconds_bucket", `${labels},le="0.025"`)).toBeLessThanOrEqual(1);
    expect(value(text, "strangler_request_duration_seconds_sum", labels)).toBeGreaterThanOrEqual(0.03);
  });

  it("put a GET the new side failed under the fallback, on the legacy side, and count the fallback by plan", async () => {
    const response = await fetch(`${proxy.shopUrl}/p/broken`);
    expect(await response.text()).toBe("legacy GET /p/broken");
    const text = await scrape();
    expect(value(text, "strangler_requests_total", 'plan="pdp",side="legacy",upstream="legacy",reason="fallback",method="read",status="2xx"')).toBe(1);
    expect(value(text, "strangler_fallbacks_total", 'plan="pdp",from="new-frontend",stage="status"')).toBe(1);
  });
});

describe("plans, flags and page types", () => {
  it("show each loaded plan's share as the flag provider reports it", async () => {
    const text = await scrape();
    expect(value(text, "strangler_plan_share_percent", 'plan="pdp"')).toBe(100);
    expect(value(text, "strangler_plan_share_percent", 'plan="quarter"')).toBe(25);
    // The plans' own rollout refreshes from nowhere: no age rather than a misleading 0.
    expect(text).not.toMatch(/^strangler_flag_refresh_age_seconds /m);
  });

  it("count page-type lookups by where the answer came from", async () => {
    const lookups = async (result: string) => value(await scrape(), "strangler_page_type_lookups_total", `result="${result}"`) ?? 0;
    const [misses, hits] = [await lookups("miss"), await lookups("hit")];
    await fetch(`${proxy.shopUrl}/joust-duffle-bag.html`).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/joust-duffle-bag.html`).then((r) => r.text());
    expect([await lookups("miss") - misses, await lookups("hit") - hits]).toEqual([1, 1]);
    const text = await scrape();
    expect(value(text, "strangler_requests_total", 'plan="products",side="new",upstream="new-frontend",reason="rollout",method="read",status="2xx"')).toBe(2);
  });

  it("count refused plan edits and show their problems until a good edit", async () => {
    await plans.write("q.yaml", "id: Not A Valid Id\n");
    await expect.poll(async () => value(await scrape(), "strangler_plan_reloads_total", 'result="refused"'), { timeout: 5_000 }).toBe(1);
    expect(await scrape()).toMatch(/^strangler_plan_problems [1-9]\d*$/m);
    await plans.write("q.yaml", "id: quarter\ntarget: new-frontend\nmatch:\n  - path: /q/**\nrollout: { percentage: 40, stickiness: sessionId }\n");
    await expect.poll(async () => value(await scrape(), "strangler_plan_reloads_total", 'result="applied"'), { timeout: 5_000 }).toBe(1);
    const text = await scrape();
    expect(text).toMatch(/^strangler_plan_problems 0$/m);
    expect(value(text, "strangler_plan_share_percent", 'plan="quarter"')).toBe(40);
  });
});

describe("flag state", () => {
  let saved: RunningProxy;
  let refreshedAt = 0;
  beforeAll(async () => {
    // A provider answering as Unleash does while its server is unreachable: from the saved state.
    const rollout = createPlanRolloutProvider();
    const savedState: FlagProvider = {
      evaluate: (name, context, plan) => ({ ...rollout.evaluate(name, context, plan), source: "unleash-saved" }),
      ready: () => true,
      close: async () => {},
      share: () => 60,
      refreshedAt: () => refreshedAt,
    };
    refreshedAt = Date.now() - 42_000;
    saved = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { flagProvider: savedState } });
  });
  afterAll(() => saved.close());

  it("counts answers from the saved state and shows the age of the last refresh", async () => {
    await fetch(`${saved.shopUrl}/p/a`).then((r) => r.text());
    await fetch(`${saved.shopUrl}/p/a`).then((r) => r.text());
    await fetch(`${saved.shopUrl}/elsewhere`).then((r) => r.text());
    const text = await scrape(saved);
    expect(text).toMatch(/^strangler_flag_saved_state_answers_total 2$/m);
    expect(value(text, "strangler_requests_total", 'plan="pdp",side="new",upstream="new-frontend",reason="flag-on-saved",method="read",status="2xx"')).toBe(2);
    const age = Number(/^strangler_flag_refresh_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(42);
    expect(age).toBeLessThan(42 + 60);
    expect(value(text, "strangler_plan_share_percent", 'plan="pdp"')).toBe(60);
  });
});
