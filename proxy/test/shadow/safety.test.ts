// What Magento (the sandbox) receives while a plan shadows every request, a shopper's cart journey included:
// shadowing adds no POST, no cart change, touches no shopper's session, and starts at most one session of its
// own (legacy's second answers, asked for noise, reuse the runner's one cookie jar). The new side gets only
// GET/HEAD, with no cookie but the store and customer-group context.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import type { RunningProxy } from "../../src/index.ts";
import { CART_SECTION, startCartShopper } from "../faults/support/cart-shopper.ts";
import type { CartShopper } from "../faults/support/cart-shopper.ts";
import { ADMIN_TOKEN, createPlansDir, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";
import { startRewritingRelay } from "./support/rewriting-relay.ts";
import type { RewritingRelay } from "./support/rewriting-relay.ts";

let sandbox: RunningSandbox;
let magento: RewritingRelay;
let candidate: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
let shopper: CartShopper;
const SHOPPER_PAGES = ["/joust-duffle-bag.html", "/checkout/cart/", "/gear/bags.html", CART_SECTION, "/customer/account/"];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  magento = await startRewritingRelay(sandbox.url);
  candidate = await startUpstream("new", (_req, res) => { res.writeHead(200, { "Content-Type": "text/html" }); res.end("<html><title>new</title></html>"); });
  plans = await createPlansDir({ "all.yaml": "id: everything\ntarget: new-frontend\nmatch:\n  - path: /**\n    methods: [GET, HEAD, POST]\nstage: shadow\nshadow: { sample: 100 }\n" });
  proxy = await startTestProxy({ legacy: magento.url, newFrontend: candidate.url, plansDir: plans.dir, env: { SHADOW_NOISE_PERCENT: "100", SHADOW_MAX_LOAD_PERCENT: "100" } });
  shopper = await startCartShopper(proxy.shopUrl, 2);
  for (const path of SHOPPER_PAGES) {
    const answer = await fetch(proxy.shopUrl + path, { headers: { cookie: shopper.cookieHeader() }, redirect: "manual" });
    await answer.arrayBuffer();
  }
  await (await fetch(proxy.shopUrl + "/joust-duffle-bag.html", { method: "HEAD", headers: { cookie: shopper.cookieHeader() } })).arrayBuffer();
  // Every shopper GET/HEAD is mirrored once to the new side: wait for all of them, and their noise asks.
  const shopperReads = () => magento.received.filter((request) => !request.shadow && request.method !== "POST" && request.url !== "/health_check.php").length;
  await vi.waitFor(() => {
    expect(candidate.received.length).toBe(shopperReads());
    expect(magento.received.filter((request) => request.shadow).length).toBe(shopperReads());
  }, { timeout: 15_000, interval: 50 });
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all([magento?.close(), candidate?.close(), plans?.remove()]);
  await sandbox?.close();
});

describe("shadowing, as Magento sees it", () => {
  it("adds no POST: Magento got exactly the shopper's one add-to-cart, which was not mirrored", async () => {
    const metrics = await (await fetch(`${proxy.adminUrl}/metrics`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(metrics).toContain('strangler_shadow_requests_total{plan="everything",result="not-mirrorable"} 1');
    expect(magento.received.filter((request) => request.method !== "GET" && request.method !== "HEAD").map((request) => [request.method, request.url, request.shadow]))
      .toEqual([["POST", "/checkout/cart/add/", false]]);
  });

  it("changes no cart: the shopper's cart holds what they added, once", async () => {
    expect((await shopper.readCart(proxy.shopUrl)).summaryCount).toBe(2);
  });

  it("never sends a shopper's session, and starts at most one session of its own", () => {
    const sessionId = /PHPSESSID=([^;]+)/.exec(shopper.cookieHeader())![1]!;
    const shadowed = magento.received.filter((request) => request.shadow);
    expect(shadowed.length).toBeGreaterThanOrEqual(SHOPPER_PAGES.length);
    expect(shadowed.every((request) => request.method === "GET" || request.method === "HEAD")).toBe(true);
    expect(shadowed.some((request) => request.cookie?.includes(sessionId))).toBe(false);
    expect(shadowed.filter((request) => request.startedSession)).toHaveLength(1);
    // The shopper's own journey started one; nothing else did.
    expect(magento.sessionsStarted()).toBe(2);
  });

  it("sends the new side only GET/HEAD without a body, and no cookie but store and X-Magento-Vary", () => {
    expect(candidate.received.length).toBeGreaterThanOrEqual(SHOPPER_PAGES.length);
    for (const request of candidate.received) {
      expect(["GET", "HEAD"]).toContain(request.method);
      expect(request.body).toBe("");
      expect(request.headers.cookie ?? "").toBe("");
      expect(request.headers["x-strangler-shadow"]).toBe("1");
    }
    expect(candidate.received.map((request) => request.method)).toContain("HEAD");
  });
});
