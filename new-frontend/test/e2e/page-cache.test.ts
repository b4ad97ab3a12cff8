// The proxy's shared page cache in front of the real new frontend, wired as `npm start` wires it: pages
// carry their Magento tags, so the proxy keeps them; a price change in Magento (admin REST) → Magento's
// PURGE → the adapters' purge endpoint → /api/revalidate → the proxy's /page-cache/purge, and the next
// shopper gets the fresh product and category pages, which are then kept again. (Pages built from other
// entities staying warm is shown in proxy/test/page-cache; here the sandbox's purge also names category
// tags, which drop every page's menu, as on the frontend.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack(await writePlans(100), { purge: true, pageCache: true });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function getShop(path: string): Promise<{ html: string; cache: string | null }> {
  const response = await fetch(`${stack.shopUrl}${path}`, { headers: { cookie: "strangler_sid=PageCacheShopper00001" } });
  expect(response.status, path).toBe(200);
  return { html: await response.text(), cache: response.headers.get("x-strangler-cache") };
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

describe("the proxy's page cache with the new frontend", () => {
  it("keeps tagged pages, and drops exactly the purged ones when Magento changes a price", async () => {
    const product = await getShop("/fusion-backpack.html");
    expect(product.html).toMatch(/<meta name="x-magento-tags" content="cat_p_\d+,strangler_navigation"/);
    expect(readPrice(product.html, "Fusion Backpack")).toBe("$59.00");
    await getShop("/gear/bags.html");
    expect((await getShop("/fusion-backpack.html")).cache).toBe("HIT");
    expect((await getShop("/gear/bags.html")).cache).toBe("HIT");

    await changePriceAsAdmin("24-MB02", 66);
    await expect.poll(async () => readPrice((await getShop("/fusion-backpack.html")).html, "Fusion Backpack"), { timeout: 15_000 }).toBe("$66.00");
    await expect.poll(async () => readPrice((await getShop("/gear/bags.html")).html, "Fusion Backpack"), { timeout: 15_000 }).toBe("$66.00");
    expect((await getShop("/fusion-backpack.html")).cache).toBe("HIT"); // the fresh page is kept again
  });
});
