// Noise cancelling through a real proxy: legacy and the new side render the same product, but every answer
// carries its own form_key and its own timestamp (in the JSON-LD). Asking legacy twice teaches the board that
// the timestamp is noise, so parity stays at 100 %; without the second ask the same traffic scores lower.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { createPlansDir, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let answers = 0;
function noisyPage(): string {
  answers++;
  const formKey = `k${answers}${Math.random().toString(36).slice(2, 10)}`;
  const jsonLd = JSON.stringify({ "@type": "Product", sku: "24-MB01", dateModified: `2026-01-01T00:00:${String(answers % 60).padStart(2, "0")}Z`, offers: { price: "34.00" } });
  return `<!doctype html><html><head><title>Joust Duffle Bag</title><script type="application/ld+json">${jsonLd}</script></head><body>`
    + `<h1 class="page-title"><span class="base">Joust Duffle Bag</span></h1><div class="product-info-main">`
    + `<span data-price-amount="34" data-price-type="finalPrice"><span class="price">$34.00</span></span>`
    + `<div class="stock available"><span>In stock</span></div><div class="product attribute sku"><div class="value" itemprop="sku">24-MB01</div></div>`
    + `<form id="product_addtocart_form"><input name="form_key" type="hidden" value="${formKey}"><button id="product-addtocart-button">Add to Cart</button></form>`
    + `</div></body></html>`;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => { await Promise.all(open.splice(0).map((item) => item.close())); });

async function shadowTraffic(noisePercent: string): Promise<RunningProxy> {
  const handler = (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(noisyPage());
  };
  const legacy: TestUpstream = await startUpstream("legacy", handler);
  const candidate: TestUpstream = await startUpstream("new", handler);
  const plans: PlansDir = await createPlansDir({ "p.yaml": "id: pdp\ntarget: new-frontend\nmatch:\n  - path: /**\nstage: shadow\nshadow: { sample: 100 }\n" });
  const proxy = await startTestProxy({ legacy: legacy.url, newFrontend: candidate.url, plansDir: plans.dir, env: { SHADOW_NOISE_PERCENT: noisePercent, SHADOW_MAX_LOAD_PERCENT: "100" } });
  open.push(proxy, legacy, candidate, { close: plans.remove });
  for (let i = 0; i < 6; i++) await (await fetch(`${proxy.shopUrl}/joust-duffle-bag.html`)).text();
  await vi.waitFor(() => expect(proxy.parity.scores()[0]?.compared).toBe(6), { timeout: 10_000, interval: 50 });
  return proxy;
}

describe("noise", () => {
  it("keeps parity at 100 % when only a form_key and a timestamp differ, having learned the timestamp from legacy twice", async () => {
    const proxy = await shadowTraffic("100");
    expect(proxy.parity.scores()[0]!.pageTypes).toEqual([{
      pageType: "PRODUCT", compared: 6, matched: 6, score: 1, mismatchesByField: {}, noise: ["jsonLd.Product.dateModified"],
    }]);
  });

  it("counts the timestamp as a mismatch when legacy is never asked twice (the learning is what cancels it)", async () => {
    const proxy = await shadowTraffic("0");
    const [type] = proxy.parity.scores()[0]!.pageTypes;
    expect([type!.matched, type!.mismatchesByField, type!.noise]).toEqual([0, { "jsonLd.Product": 6 }, []]);
  });
});
