// Caching end to end, through the proxy, wired as `npm start` wires it: a price change in Magento
// (admin REST) → Magento's PURGE with X-Magento-Tags-Pattern → the adapters' purge endpoint →
// /api/revalidate → the next shopper gets the fresh product and category pages. And the personal
// parts: pages carry nothing of the shopper, so caching them cannot make a minicart stale; the
// minicart's data (/customer/section/load) always comes from Magento, uncached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "playwright-core";
import { adminToken, startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";

let stack: Stack;
const debug = { "x-strangler-debug": adminToken };

beforeAll(async () => {
  stack = await startStack(await writePlans(100), { purge: true });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function getShop(path: string): Promise<{ html: string; headers: Headers }> {
  const response = await fetch(`${stack.shopUrl}${path}`, { headers: debug });
  expect(response.status, path).toBe(200);
  return { html: await response.text(), headers: response.headers };
}

async function changePriceAsAdmin(sku: string, price: number): Promise<void> {
  const tokenResponse = await fetch(`${stack.sandbox.url}/rest/V1/integration/admin/token`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "admin123" }),
  });
  const token = (await tokenResponse.json()) as string;
  const response = await fetch(`${stack.sandbox.url}/rest/V1/products/${sku}`, {
    method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ product: { price } }),
  });
  expect(response.status).toBe(200);
}

const readPrice = (html: string, name: string) => {
  const item = html.indexOf(`>${name}</a>`);
  return /<span class="price">([^<]+)<\/span>/.exec(item >= 0 ? html.slice(item) : html)?.[1];
};

describe("Magento's purge revalidates the new pages", () => {
  it("a price changed in Magento shows on the product and category pages once Magento PURGEs", async () => {
    const product = await getShop("/fusion-backpack.html");
    expect(product.headers.get("x-strangler-decision")).toMatch(/target=new-frontend/);
    expect(readPrice(product.html, "Fusion Backpack")).toBe("$59.00");
    expect(readPrice((await getShop("/gear/bags.html")).html, "Fusion Backpack")).toBe("$59.00");
    // Served from Next's cache (ISR) before the change: only the purge can refresh it within 300 s.
    expect((await getShop("/fusion-backpack.html")).headers.get("x-nextjs-cache")).toBe("HIT");

    await changePriceAsAdmin("24-MB02", 64);
    await expect.poll(async () => readPrice((await getShop("/fusion-backpack.html")).html, "Fusion Backpack"), { timeout: 15_000 }).toBe("$64.00");
    await expect.poll(async () => readPrice((await getShop("/gear/bags.html")).html, "Fusion Backpack"), { timeout: 15_000 }).toBe("$64.00");
  });
});

describe("personal parts are never cached", () => {
  it("pages are the same for every shopper; the minicart's data comes from Magento per shopper, uncached", async () => {
    const anonymous = await getShop("/joust-duffle-bag.html");
    // An engineer's debug answer is never stored; a shopper's (the plan at 100 %: the same for everyone) may
    // be kept by shared caches (s-maxage), browsers get no max-age, and the page holds nothing personal.
    expect(anonymous.headers.get("cache-control")).toBe("private, no-store");
    const shared = (await fetch(`${stack.shopUrl}/joust-duffle-bag.html`)).headers.get("cache-control");
    expect(shared).toMatch(/s-maxage=\d+/);
    expect(shared).not.toMatch(/(^|[ ,])max-age=[1-9]/);

    const shopper = await request.newContext({ baseURL: stack.shopUrl, extraHTTPHeaders: debug });
    const login = await (await shopper.get("/customer/account/login/")).text();
    const formKey = /name="form_key" type="hidden" value="([^"]+)"/.exec(login)?.[1] ?? "";
    await shopper.post("/customer/account/loginPost/", { form: { form_key: formKey, "login[username]": "roni_cost@example.com", "login[password]": "Test1234!" } });
    const productId = /name="product" value="(\d+)"/.exec(anonymous.html)?.[1] ?? "";
    await shopper.post(`/checkout/cart/add/product/${productId}/`, { form: { form_key: formKey, product: productId, qty: "1" } });

    const sections = await shopper.get("/customer/section/load/?sections=cart,customer");
    expect(sections.headers()["x-strangler-decision"]).toMatch(/target=legacy/);
    expect(sections.headers()["cache-control"]).toMatch(/no-store/);
    const data = (await sections.json()) as { cart?: { summary_count?: number }; customer?: { fullname?: string } };
    expect(data.customer?.fullname).toBe("Veronica Costello");
    expect(data.cart?.summary_count).toBeGreaterThan(0);

    const personal = await shopper.get("/joust-duffle-bag.html");
    expect(personal.headers()["x-strangler-decision"]).toMatch(/target=new-frontend/);
    const html = await personal.text();
    expect(html).not.toContain("Veronica");
    expect(html).not.toContain("roni_cost");
    // A signed-in shopper gets their customer group's page (General: rendered per request with Magento's
    // session, README "Store views, currency and customer group"), with the group's price and nothing of theirs.
    const priceOf = (page: string) => /<span class="price">([^<]+)<\/span>/.exec(page)?.[1];
    expect(priceOf(html)).toBe(priceOf(anonymous.html));
    await shopper.dispose();
  });

  it("the new side never answers /customer/section/load: it is a 404 page there, not customer data", async () => {
    const response = await fetch(`${stack.nextUrl}/customer/section/load/?sections=cart`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    // The page's own private-content script names the section fields it reads; the answer must carry no section data.
    const body = await response.text();
    expect(() => JSON.parse(body)).toThrow();
    expect(body.replace(/<script[\s\S]*?<\/script>/g, "")).not.toContain("summary_count");
  });
});
