// Currency and customer-group prices against the sandbox: Content-Currency converts, a Wholesale customer
// (token or storefront session) gets the group price, each scope is its own cache entry, and a customer's
// answer is never cached under the guests' group.
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { createBrowser } from "@strangler/magento-sandbox/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters } from "../../src/index.ts";
import type { Adapters, RequestContext } from "../../src/index.ts";

let sandbox: RunningSandbox;
let adapters: Adapters;
let calls = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = createAdapters({ magentoUrl: sandbox.url, onMagentoCall: () => void (calls += 1) });
});
afterAll(async () => {
  await adapters.close();
  await sandbox.close();
});

async function priceOf(ctx: RequestContext): Promise<{ price: string; calls: number }> {
  const before = calls;
  const product = await adapters.getProductByUrlKey("joust-duffle-bag", ctx);
  const final = product!.price.min.final;
  return { price: `${final.amount} ${final.currency}`, calls: calls - before };
}

async function wholesaleSession(): Promise<string> {
  const browser = createBrowser(sandbox.url);
  await browser.get("/customer/account/login/");
  await browser.post("/customer/account/loginPost/", { "login[username]": "wholesale@example.com", "login[password]": "Test1234!", form_key: browser.cookies.get("form_key")! });
  return browser.cookies.get("PHPSESSID")!;
}

describe("prices per currency and customer group (sandbox)", () => {
  it("sends the currency as Content-Currency and the customer's session, each scope cached apart", async () => {
    const session = await wholesaleSession();
    expect(await priceOf({})).toEqual({ price: "34 USD", calls: 1 });
    expect(await priceOf({ currency: "EUR" })).toEqual({ price: "30.6 EUR", calls: 1 });
    expect(await priceOf({ customerSession: session, customerGroup: "2" })).toEqual({ price: "28 USD", calls: 1 });
    expect(await priceOf({ customerSession: session, customerGroup: "2", currency: "EUR" })).toEqual({ price: "25.2 EUR", calls: 1 });
    // Repeats come from the cache, each from its own entry; another Wholesale shopper shares the group's.
    expect(await priceOf({ customerSession: await wholesaleSession(), customerGroup: "2" })).toEqual({ price: "28 USD", calls: 0 });
    expect(await priceOf({})).toEqual({ price: "34 USD", calls: 0 });
    expect(await priceOf({ currency: "EUR" })).toEqual({ price: "30.6 EUR", calls: 0 });
  });

  it("prices by a customer token too", async () => {
    const { token } = await adapters.signIn("wholesale@example.com", "Test1234!");
    expect((await priceOf({ customerToken: token, customerGroup: "2", currency: "USD" })).price).toBe("28 USD");
  });

  it.each([
    ["no customerGroup", {}],
    ["customerGroup 0", { customerGroup: "0" }],
  ])("never caches a customer's answer with %s: it reaches Magento every time", async (_name, group) => {
    const session = await wholesaleSession();
    const ctx = { customerSession: session, currency: "EUR", ...group };
    expect(await priceOf(ctx)).toEqual({ price: "25.2 EUR", calls: 1 });
    expect(await priceOf(ctx)).toEqual({ price: "25.2 EUR", calls: 1 });
  });

  it("refuses a session id that is not one", async () => {
    await expect(adapters.getProductByUrlKey("joust-duffle-bag", { customerSession: "a;b=c" })).rejects.toThrow("ctx.customerSession: must be a PHP session id like `h3k9…`");
  });
});
