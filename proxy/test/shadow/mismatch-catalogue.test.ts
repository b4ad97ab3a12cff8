// Stage shadow end to end: shoppers go through a real proxy to legacy (the sandbox behind a relay that adds
// Product JSON-LD, as an SEO module would); every request is mirrored to a new side that is the same Luma
// deliberately wrong in six ways. Each way must show in the score, the metrics, the samples and the CLI.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import type { RunningProxy } from "../../src/index.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { captureIo } from "../flags/support/shoppers.ts";
import { ADMIN_TOKEN, createPlansDir, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startRewritingRelay, withProductJsonLd } from "./support/rewriting-relay.ts";
import type { RewritingRelay } from "./support/rewriting-relay.ts";

const DOCTORED: Record<string, (html: string) => string> = {
  "/joust-duffle-bag.html": (html) => html.replace('data-price-amount="34" data-price-type="finalPrice"', 'data-price-amount="33.99" data-price-type="finalPrice"'),
  "/strive-shoulder-pack.html": (html) => html.replace(/<li class="item product"><strong>[^<]*<\/strong><\/li>/, ""),
  "/crown-summit-backpack.html": (html) => html.replace(/<link rel="canonical" href="[^"]*">/, '<link rel="canonical" href="/crown-summit.html">'),
  "/wayfarer-messenger-bag.html": (html) => html.replace('class="stock available"', 'class="stock unavailable"'),
  "/rival-field-messenger.html": (html) => html.replace(/<script type="application\/ld\+json">.*?<\/script>/, ""),
  "/gear/bags.html": (html) => {
    const items = [...html.matchAll(/<li class="item product product-item">[\s\S]*?<\/li>/g)].map((match) => match[0]);
    return html.replace(items[0]!, "\u0000").replace(items[1]!, items[0]!).replace("\u0000", items[1]!);
  },
};
const EXPECTED: Record<string, string[]> = {
  "/joust-duffle-bag.html": ["price"],
  "/strive-shoulder-pack.html": ["breadcrumbs"],
  "/crown-summit-backpack.html": ["canonical"],
  "/wayfarer-messenger-bag.html": ["stock"],
  "/rival-field-messenger.html": ["jsonLd.Product"],
  "/gear/bags.html": ["products"],
};
const CORRECT = ["/fusion-backpack.html", "/gear/watches.html"];

let sandbox: RunningSandbox;
let legacy: RewritingRelay;
let doctored: RewritingRelay;
let plans: PlansDir;
let proxy: RunningProxy;
const shopperPages = new Map<string, string>();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  legacy = await startRewritingRelay(sandbox.url, withProductJsonLd);
  doctored = await startRewritingRelay(sandbox.url, (path, html) => (DOCTORED[path] ?? ((same: string) => same))(withProductJsonLd(path, html)));
  plans = await createPlansDir({ "all.yaml": "id: luma-pages\ntarget: new-frontend\nmatch:\n  - path: /**\nstage: shadow\nshadow: { sample: 100 }\n" });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: doctored.url, plansDir: plans.dir, env: { SHADOW_NOISE_PERCENT: "100", SHADOW_MAX_LOAD_PERCENT: "100" } });
  for (const path of [...Object.keys(DOCTORED), ...CORRECT]) {
    const answer = await fetch(proxy.shopUrl + path);
    shopperPages.set(path, await answer.text());
  }
  await vi.waitFor(() => expect(proxy.parity.scores()[0]?.compared).toBe(8), { timeout: 15_000, interval: 50 });
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all([legacy?.close(), doctored?.close(), plans?.remove()]);
  await sandbox?.close();
});

describe("a new side wrong in six ways, in stage shadow", () => {
  it("gave every shopper legacy's answer", () => {
    expect(shopperPages.get("/joust-duffle-bag.html")).toContain('data-price-amount="34" data-price-type="finalPrice"');
    expect(shopperPages.get("/wayfarer-messenger-bag.html")).toContain('class="stock available"');
    expect(doctored.received.every((request) => request.shadow && request.method === "GET")).toBe(true);
  });

  it("counts each wrong page once in the score, under its field", () => {
    const [score] = proxy.parity.scores();
    expect(score).toMatchObject({ plan: "luma-pages", compared: 8, matched: 2 });
    const product = score!.pageTypes.find((type) => type.pageType === "PRODUCT")!;
    const category = score!.pageTypes.find((type) => type.pageType === "CATEGORY")!;
    expect([product.compared, product.matched, product.mismatchesByField]).toEqual([6, 1, { price: 1, breadcrumbs: 1, canonical: 1, stock: 1, "jsonLd.Product": 1 }]);
    expect([category.compared, category.matched, category.mismatchesByField]).toEqual([2, 1, { products: 1 }]);
  });

  it("keeps each mismatch as a sample with both sides' values, readable through the admin API", async () => {
    const answer = await fetch(`${proxy.adminUrl}/parity/luma-pages/samples`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    const { samples } = await answer.json() as { samples: Array<{ url: string; fields: string[]; differences: Array<{ path: string; legacy: unknown; candidate: unknown }> }> };
    expect(Object.fromEntries(samples.map((sample) => [sample.url, sample.fields]))).toEqual(EXPECTED);
    const price = samples.find((sample) => sample.url === "/joust-duffle-bag.html")!;
    expect(price.differences).toEqual([{ field: "price", path: "price.final", legacy: "34.00", candidate: "33.99" }]);
    const stock = samples.find((sample) => sample.url === "/wayfarer-messenger-bag.html")!;
    expect(stock.differences).toEqual([{ field: "stock", path: "stock", legacy: "in_stock", candidate: "out_of_stock" }]);
  });

  it("counts them as Prometheus metrics", async () => {
    const metrics = await (await fetch(`${proxy.adminUrl}/metrics`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(metrics).toContain('strangler_parity_compared_total{plan="luma-pages",page_type="PRODUCT"} 6');
    expect(metrics).toContain('strangler_parity_mismatches_total{plan="luma-pages",page_type="PRODUCT",field="price"} 1');
    expect(metrics).toContain('strangler_parity_mismatches_total{plan="luma-pages",page_type="CATEGORY",field="products"} 1');
    expect(metrics).toContain('strangler_shadow_requests_total{plan="luma-pages",result="compared"} 8');
  });

  it("shows them in strangler plans parity <plan>", async () => {
    const io = captureIo({ ADMIN_TOKEN, ADMIN_PORT: new URL(proxy.adminUrl).port });
    const code = await runCli(["plans", "parity", "luma-pages", "--admin", proxy.adminUrl, "--samples", "6"], io.io);
    expect(code).toBe(0);
    const lines = io.out[0]!.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "PLAN        PAGE TYPE  COMPARED  PARITY  MISMATCHES BY FIELD",
      "luma-pages  CATEGORY   2         50.0%   products 1",
      "luma-pages  PRODUCT    6         16.6%   price 1, breadcrumbs 1, canonical 1, stock 1, jsonLd.Product 1",
    ]);
    expect(io.out[0]).toContain("    price.final: \"34.00\" → \"33.99\"");
  });

  // Last: this request is mirrored too, and would change the counts above.
  it("says why in the debug decision: reason shadow, target legacy, for everyone alike", async () => {
    const answer = await fetch(proxy.shopUrl + "/joust-duffle-bag.html", { headers: { "X-Strangler-Debug": ADMIN_TOKEN } });
    expect(answer.headers.get("x-strangler-decision")).toBe("target=legacy; plan=luma-pages; route=luma-pages#0; reason=shadow");
    await answer.text();
  });
});
