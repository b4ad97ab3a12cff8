// The new frontend's /metrics: on METRICS_PORT inside the Next server's process, with render time by
// route, revalidations and the adapters' cache; never reachable through the proxy, even with a plan
// that sends /metrics to the new side.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../tools/services.ts";
import { writePlans } from "../support/plans.ts";
import { revalidateToken, startStack, type Stack } from "../support/stack.ts";

let stack: Stack;
let metricsUrl: string;

beforeAll(async () => {
  const dir = await writePlans(100);
  // The worst case: a plan that routes the shop's /metrics to the new frontend.
  await writeFile(join(dir, "metrics-to-new.yaml"), "id: metrics-to-new\ntarget: new-frontend\nmatch:\n  - path: /metrics\nrollout: { percentage: 100, stickiness: sessionId }\n");
  const port = await findFreePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  stack = await startStack(dir, { nextEnv: { METRICS_PORT: String(port) } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const scrape = async () => {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};
const sample = (text: string, line: string) => Number(new RegExp(`^${line.replace(/[{}()[\]+.?*|\\^$]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

describe("new frontend metrics", () => {
  it("time renders by Next route and count the adapters' cache reads by area", async () => {
    const page = await fetch(`${stack.shopUrl}/fusion-backpack.html`);
    expect(page.status).toBe(200);
    await page.text();
    const text = await scrape();
    const route = 'route="/strangler-store/[store]/[[...slug]]"';
    expect(sample(text, `strangler_next_render_seconds_count{${route}}`)).toBeGreaterThanOrEqual(1);
    expect(sample(text, `strangler_next_render_seconds_bucket{le="0.0005",${route}}`)).toBeGreaterThanOrEqual(0);
    expect(sample(text, `strangler_next_render_seconds_bucket{le="30",${route}}`)).toBe(sample(text, `strangler_next_render_seconds_count{${route}}`));
    // proxy.ts resolves the URL (area "route"), then the page loads the product (area "product").
    expect(sample(text, 'strangler_adapter_cache_total{area="route",result="miss"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'strangler_adapter_cache_total{area="product",result="miss"}')).toBeGreaterThanOrEqual(1);
    // Only the few route names, never a URL.
    expect(text).not.toContain("fusion-backpack");
  });

  it("count revalidations and the adapter purges they cause", async () => {
    const response = await fetch(`${stack.nextUrl}/api/revalidate`, {
      method: "POST", headers: { authorization: `Bearer ${revalidateToken}`, "content-type": "application/json" }, body: JSON.stringify({ tags: ["cat_p_2"] }),
    });
    expect(response.status).toBe(200);
    const text = await scrape();
    expect(sample(text, "strangler_next_revalidations_total")).toBe(1);
    expect(sample(text, 'strangler_adapter_purges_total{kind="tags"}')).toBe(1);
  });

  it("is never served through the proxy, even when a plan sends /metrics to the new side", async () => {
    const response = await fetch(`${stack.shopUrl}/metrics`, { headers: { "x-strangler-debug": "e2e-admin-token-0123456789" } });
    expect(response.headers.get("x-strangler-decision")).toMatch(/target=new-frontend; plan=metrics-to-new/);
    const body = await response.text();
    expect(response.status).toBe(404);
    expect(body).not.toContain("strangler_next_render_seconds");
    expect(body).not.toContain("# TYPE");
    // The Next server's own port does not serve it either: only METRICS_PORT does.
    expect(await (await fetch(`${stack.nextUrl}/metrics`)).text()).not.toContain("# TYPE");
  });
});
