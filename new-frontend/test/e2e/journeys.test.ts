// A real browser walks the store THROUGH THE PROXY while product and category pages move between the
// Magento sandbox (legacy) and the Next.js frontend (new): one cart, one checkout, sticky sides,
// and a legacy fallback when the new frontend dies. Screenshots land in test-artifacts/e2e/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";
import { launchBrowser, newShopper, readSide, saveScreenshot, shopperAgent, type Side } from "../support/browser.ts";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack(await writePlans(100));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function visit(page: Page, path: string, expected: Side, screenshot: string): Promise<void> {
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.status(), `${path} status`).toBe(200);
  expect(await readSide(page), `${path} served by (${response?.headers()["x-strangler-decision"]})`).toBe(expected);
  await saveScreenshot(page, screenshot);
}

async function readMinicartCount(page: Page): Promise<string> {
  const counter = page.locator(".minicart-wrapper .counter-number");
  await expect.poll(async () => (await counter.textContent())?.trim() ?? "", { timeout: 20_000 }).not.toBe("");
  return (await counter.textContent())?.trim() ?? "";
}

async function addToCart(page: Page): Promise<void> {
  const button = page.locator("#product-addtocart-button");
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await Promise.all([page.waitForURL(/\/checkout\/cart\/$/), button.click()]);
}

async function checkOutAsGuest(page: Page, prefix: string): Promise<string> {
  await Promise.all([page.waitForURL(/\/checkout\/$/), page.click("a.action.primary.checkout")]);
  const fields: Record<string, string> = {
    email: "shopper@example.com", firstname: "Veronica", lastname: "Costello", street: "6146 Honey Bluff Parkway",
    city: "Calder", region: "Michigan", postcode: "49628-7978", telephone: "(555) 229-3326",
  };
  for (const [name, value] of Object.entries(fields)) await page.fill(`#co-checkout-form [name="${name}"]`, value);
  await saveScreenshot(page, `${prefix}-5-checkout`);
  await Promise.all([page.waitForURL(/\/checkout\/onepage\/success\/$/), page.click("#co-checkout-form button.checkout")]);
  await saveScreenshot(page, `${prefix}-6-order-placed`);
  await expect(page.locator("h1.page-title").textContent()).resolves.toContain("Thank you for your purchase!");
  return (await page.locator(".checkout-success").textContent()) ?? "";
}

async function walkJourney(context: BrowserContext, side: Side, prefix: string): Promise<void> {
  const page = await context.newPage();
  await visit(page, "/", "legacy", `${prefix}-1-home`);
  // Luma opens a top-level menu's submenu on hover.
  await page.hover('nav.navigation a.level-top[href$="/gear.html"]');
  await Promise.all([page.waitForURL(/\/gear\/bags\.html$/), page.click('nav.navigation a[href$="/gear/bags.html"]')]);
  expect(await readSide(page), "category page").toBe(side);
  await saveScreenshot(page, `${prefix}-2-category`);
  await Promise.all([page.waitForURL(/\/joust-duffle-bag\.html$/), page.click('a.product-item-link[href$="/joust-duffle-bag.html"]')]);
  expect(await readSide(page), "product page").toBe(side);
  await saveScreenshot(page, `${prefix}-3-product`);
  await addToCart(page);
  expect(await readSide(page), "cart page").toBe("legacy");
  await expect(page.locator("#shopping-cart-table .product-item-name").allTextContents()).resolves.toEqual(["Joust Duffle Bag"]);
  await saveScreenshot(page, `${prefix}-4-cart`);
  // Straight after adding, the minicart counts the item on both sides (product page, then legacy home).
  await visit(page, "/joust-duffle-bag.html", side, `${prefix}-4b-product-minicart`);
  expect(await readMinicartCount(page)).toBe("1");
  await visit(page, "/", "legacy", `${prefix}-4c-home-minicart`);
  expect(await readMinicartCount(page)).toBe("1");
  await page.goto("/checkout/cart/");
  const success = await checkOutAsGuest(page, prefix);
  expect(success).toMatch(/Your order # is: \d{9}/);
  await page.close();
}

/** Product and category plans back at 100 % and a fresh shopper with one tab. */
async function openShopperAt100(): Promise<{ context: BrowserContext; page: Page }> {
  await stack.restartProxy(await writePlans(100));
  const context = await newShopper(browser, stack.shopUrl);
  return { context, page: await context.newPage() };
}

describe("shopping journeys through the proxy", () => {
  it("product and category plans at 100 %: category and product on the new side, cart and checkout on legacy", async () => {
    const context = await newShopper(browser, stack.shopUrl);
    await walkJourney(context, "new", "journey-100");
    await context.close();
  }, 90_000);

  it("flags off: the same journey, every page legacy", async () => {
    await stack.restartProxy(await writePlans(0));
    const context = await newShopper(browser, stack.shopUrl);
    await walkJourney(context, "legacy", "journey-0");
    await context.close();
  }, 90_000);

  it("at 50 % a shopper's pages never change side, and both sides get shoppers", async () => {
    // One catalog plan: with one flag per plan (Unleash groups buckets by flag name) a shopper could get
    // product pages new and category pages legacy, each stable; one flag keeps the whole catalog on one side.
    await stack.restartProxy(await writePlans(50, "shared"));
    const context = await newShopper(browser, stack.shopUrl);
    const page = await context.newPage();
    const paths = ["/gear/bags.html", "/joust-duffle-bag.html", "/gear/bags.html?p=2", "/chaz-kangeroo-hoodie.html", "/men/tops-men/jackets-men.html"];
    const sides: Side[] = [];
    for (let step = 0; step < 20; step += 1) {
      await page.goto(paths[step % paths.length]!, { waitUntil: "domcontentloaded" });
      sides.push(await readSide(page));
    }
    await saveScreenshot(page, "rollout-50-sticky-shopper");
    expect(new Set(sides).size, `sides seen: ${sides.join(",")}`).toBe(1);
    await context.close();

    // 40 fresh shoppers, each with its own cookie jar (a Playwright request context: no browser tab,
    // which costs seconds apiece on 2 cores); the side is read from the HTML the proxy returned.
    const visitAsFreshShopper = async (): Promise<Side> => {
      const shopper = await request.newContext({ baseURL: stack.shopUrl, userAgent: shopperAgent(browser) });
      const response = await shopper.get("/joust-duffle-bag.html");
      expect(response.status()).toBe(200);
      const side: Side = (await response.text()).includes('<meta name="generator" content="strangler-new-frontend"/>') ? "new" : "legacy";
      await shopper.dispose();
      return side;
    };
    const seen: Side[] = [];
    for (let batch = 0; batch < 4; batch += 1) seen.push(...(await Promise.all(Array.from({ length: 10 }, visitAsFreshShopper))));
    expect(seen).toHaveLength(40);
    const onNew = seen.filter((side) => side === "new").length;
    expect(onNew, "shoppers on the new side").toBeGreaterThan(0);
    expect(onNew, "shoppers on the new side").toBeLessThan(40);
  }, 120_000);

  it("a configurable product added on the new page lands in the legacy cart with its options", async () => {
    const { context, page } = await openShopperAt100();
    await visit(page, "/chaz-kangeroo-hoodie.html", "new", "configurable-1-product-new");
    // Choose once the page is interactive (the add-to-cart button is enabled after hydration).
    await expect.poll(() => page.locator("#product-addtocart-button").isEnabled(), { timeout: 20_000 }).toBe(true);
    const pickers = page.locator("select.super-attribute-select");
    const chosen: string[] = [];
    for (let index = 0; index < (await pickers.count()); index += 1) {
      const picker = pickers.nth(index);
      const value = await picker.locator("option").nth(1).getAttribute("value");
      await picker.selectOption(value ?? "");
      chosen.push((await picker.locator("option").nth(1).textContent()) ?? "");
    }
    expect(chosen.length).toBeGreaterThan(1);
    await addToCart(page);
    await expect(page.locator("#shopping-cart-table .product-item-name").allTextContents()).resolves.toEqual(["Chaz Kangeroo Hoodie"]);
    const options = await page.locator("#shopping-cart-table .item-options dd").allTextContents();
    expect(options.sort()).toEqual([...chosen].sort());
    await saveScreenshot(page, "configurable-2-cart-with-options");
    await context.close();
  }, 60_000);

  it("a customer signed in on legacy stays signed in on new pages, and adds to the same customer cart", async () => {
    const { context, page } = await openShopperAt100();
    await page.goto("/customer/account/login/");
    await page.fill('[name="login[username]"]', "roni_cost@example.com");
    await page.fill('[name="login[password]"]', "Test1234!");
    await Promise.all([page.waitForURL(/\/customer\/account\/$/), page.click("#send2")]);
    await visit(page, "/joust-duffle-bag.html", "new", "customer-1-product-new-signed-in");
    await expect.poll(() => page.locator(".greet.welcome .logged-in").textContent(), { timeout: 20_000 }).toBe("Welcome, Veronica Costello!");
    await addToCart(page);
    await expect(page.locator("#shopping-cart-table .product-item-name").allTextContents()).resolves.toContain("Joust Duffle Bag");
    await expect(page.locator(".greet.welcome .logged-in").textContent()).resolves.toBe("Welcome, Veronica Costello!");
    await saveScreenshot(page, "customer-2-cart-legacy-signed-in");
    await context.close();
  }, 60_000);

  it("the new frontend stopped mid-journey: pages still load from legacy and the cart is intact", async () => {
    const { context, page } = await openShopperAt100();
    await visit(page, "/gear/bags.html", "new", "fallback-1-category-new");
    await page.click('a.product-item-link[href$="/joust-duffle-bag.html"]');
    await page.waitForURL(/\/joust-duffle-bag\.html$/);
    expect(await readSide(page)).toBe("new");
    await addToCart(page);
    await stack.stopNext();
    await visit(page, "/joust-duffle-bag.html", "legacy", "fallback-2-product-legacy");
    await visit(page, "/gear/bags.html", "legacy", "fallback-3-category-legacy");
    expect(await readMinicartCount(page)).toBe("1");
    await page.goto("/checkout/cart/");
    await expect(page.locator("#shopping-cart-table .product-item-name").allTextContents()).resolves.toEqual(["Joust Duffle Bag"]);
    await saveScreenshot(page, "fallback-4-cart-intact");
    await context.close();
  }, 90_000);
});
