import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_CRYPT_KEY } from "../../src/index.ts";
import { createBrowser, type Browser, type BrowserResponse } from "../support/browser.ts";
import { useSandbox } from "../support/sandbox.ts";

const harness = useSandbox();
const setCookie = (response: BrowserResponse, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const privateHeaders = { "cache-control": "max-age=0, must-revalidate, no-cache, no-store", pragma: "no-cache" };

async function cartCount(browser: Browser): Promise<number> {
  const response = await browser.get("/customer/section/load/?sections=cart&update_section_id=false");
  return (JSON.parse(response.body) as { cart: { summary_count: number } }).cart.summary_count;
}

async function addBag(browser: Browser, formKey: string | undefined): Promise<BrowserResponse> {
  const form: Record<string, string> = { product: "1", qty: "1" };
  if (formKey !== undefined) form.form_key = formKey;
  return browser.post("/checkout/cart/add/uenc/aHR0cA,,/product/1/", form, "/joust-duffle-bag.html");
}

describe("session cookies", () => {
  it("starts a PHPSESSID session (HttpOnly, path /) and mirrors the form key in a readable cookie", async () => {
    const browser = createBrowser(harness.url);
    const first = await browser.get("/");
    expect(setCookie(first, "PHPSESSID")).toMatch(/^PHPSESSID=[a-z0-9]{26}; path=\/; .*HttpOnly/);
    expect(setCookie(first, "form_key")).toMatch(/^form_key=[A-Za-z0-9]{16}; path=\//);
    expect(setCookie(first, "form_key")).not.toContain("HttpOnly");
    const second = await browser.get("/about-us");
    expect(setCookie(second, "PHPSESSID")).toBeUndefined();
  });

  it("adopts a form key the browser set itself, as Luma's form-key-provider does", async () => {
    const browser = createBrowser(harness.url);
    await browser.get("/");
    browser.cookies.set("form_key", "ClientMade123456");
    expect((await addBag(browser, "ClientMade123456")).location).toBe("/checkout/cart/");
    expect(await cartCount(browser)).toBe(1);
  });
});

describe("form_key on POST forms", () => {
  it.each([
    ["without a form_key", undefined],
    ["with a wrong form_key", "WrongWrongWrong1"],
  ])("refuses add-to-cart %s: back to the page, message, nothing added", async (_name, formKey) => {
    const browser = createBrowser(harness.url);
    await browser.get("/joust-duffle-bag.html");
    const refused = await addBag(browser, formKey);
    expect(refused.status).toBe(302);
    expect(refused.location).toBe("/joust-duffle-bag.html");
    expect(await cartCount(browser)).toBe(0);
    const cart = await browser.get("/checkout/cart/");
    expect(cart.body).toContain("Invalid Form Key. Please refresh the page.");
  });

  it("refuses sign-in without a form key", async () => {
    const browser = createBrowser(harness.url);
    await browser.get("/customer/account/login/");
    const response = await browser.post("/customer/account/loginPost/", { "login[username]": "roni_cost@example.com", "login[password]": "Test1234!" }, "/customer/account/login/");
    expect(response.location).toBe("/customer/account/login/");
    expect(browser.cookies.has("X-Magento-Vary")).toBe(false);
  });
});

describe("private content", () => {
  it("rotates private_content_version on every POST and the cart section follows", async () => {
    const browser = createBrowser(harness.url);
    await browser.get("/joust-duffle-bag.html");
    expect(browser.cookies.has("private_content_version")).toBe(false);
    const formKey = browser.cookies.get("form_key");
    const first = await addBag(browser, formKey);
    expect(setCookie(first, "private_content_version")).toMatch(/^private_content_version=[0-9a-f]{32}; path=\/; .*Max-Age=315360000/);
    const version = browser.cookies.get("private_content_version");
    await addBag(browser, formKey);
    expect(browser.cookies.get("private_content_version")).not.toBe(version);
    const sections = await browser.get("/customer/section/load/?sections=cart,customer&update_section_id=true");
    expect(sections.headers.get("cache-control")).toBe(privateHeaders["cache-control"]);
    expect(sections.headers.get("pragma")).toBe("no-cache");
    const body = JSON.parse(sections.body) as { cart: Record<string, unknown>; customer: Record<string, unknown> };
    expect(body.cart).toMatchObject({ summary_count: 2, subtotalAmount: "68.0000", items: [{ product_sku: "24-MB01", qty: 2 }] });
    expect(body.cart.masked_quote_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(Object.keys(body.customer)).toEqual(["data_id"]);
  });

  it("answers an unknown section with Magento's 400", async () => {
    const response = await createBrowser(harness.url).get("/customer/section/load/?sections=cart,bogus");
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: 'The "bogus" section source isn\'t supported.' });
  });
});

describe("X-Magento-Vary and sign-in", () => {
  it("sets X-Magento-Vary after sign-in, renews PHPSESSID, drops mage-cache-sessid, and clears them at sign-out", async () => {
    const browser = createBrowser(harness.url);
    await browser.get("/customer/account/login/");
    browser.cookies.set("mage-cache-sessid", "true");
    const session = browser.cookies.get("PHPSESSID");
    const login = await browser.post("/customer/account/loginPost/", {
      "login[username]": "roni_cost@example.com", "login[password]": "Test1234!", form_key: browser.cookies.get("form_key")!,
    });
    expect(login.location).toBe("/customer/account/");
    expect(setCookie(login, "X-Magento-Vary")).toMatch(/^X-Magento-Vary=[0-9a-f]{64}; path=\/; .*HttpOnly/);
    // 2.4.7+ (Http\Context::getVaryString): sha256 of the ksorted context JSON, "|", the deployment's crypt key.
    const expected = createHash("sha256").update(`{"customer_group":"1","customer_logged_in":true}|${DEFAULT_CRYPT_KEY}`).digest("hex");
    expect(browser.cookies.get("X-Magento-Vary")).toBe(expected);
    expect(browser.cookies.get("PHPSESSID")).not.toBe(session);
    expect(browser.cookies.has("mage-cache-sessid")).toBe(false);
    const sections = JSON.parse((await browser.get("/customer/section/load/?sections=customer")).body) as { customer: { fullname: string } };
    expect(sections.customer.fullname).toBe("Veronica Costello");
    const logout = await browser.get("/customer/account/logout/");
    expect(setCookie(logout, "X-Magento-Vary")).toMatch(/Max-Age=0/);
    expect(browser.cookies.has("X-Magento-Vary")).toBe(false);
  });

  it("keeps the old session id useless after sign-in", async () => {
    const browser = createBrowser(harness.url);
    await browser.get("/customer/account/login/");
    const old = browser.cookies.get("PHPSESSID")!;
    await browser.post("/customer/account/loginPost/", { "login[username]": "roni_cost@example.com", "login[password]": "Test1234!", form_key: browser.cookies.get("form_key")! });
    const attacker = createBrowser(harness.url);
    attacker.cookies.set("PHPSESSID", old);
    expect((await attacker.get("/customer/account/")).location).toBe("/customer/account/login/");
  });
});

describe("full page cache headers", () => {
  it.each(["/", "/gear/bags.html", "/joust-duffle-bag.html", "/about-us", "/catalogsearch/result/?q=bag"])("marks %s public and cacheable", async (path) => {
    const response = await createBrowser(harness.url).get(path);
    expect(response.headers.get("cache-control")).toBe("max-age=86400, public, s-maxage=86400");
    expect(response.headers.get("pragma")).toBe("cache");
    expect(response.headers.get("expires")).toBeTruthy();
    expect(response.headers.get("x-magento-tags")).toMatch(/(^|,)FPC$/);
  });

  it.each(["/checkout/cart/", "/customer/account/login/", "/customer/account/create/", "/customer/account/logoutSuccess/"])("marks %s private", async (path) => {
    const response = await createBrowser(harness.url).get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(privateHeaders["cache-control"]);
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(response.headers.get("x-magento-tags")).toBeNull();
  });

  it("keeps per-shopper markup out of cacheable pages (mini cart counter left to the cart section)", async () => {
    const browser = createBrowser(harness.url);
    await browser.get("/joust-duffle-bag.html");
    await addBag(browser, browser.cookies.get("form_key"));
    const product = await browser.get("/joust-duffle-bag.html");
    expect(product.body).toContain('<span class="counter qty empty"><span class="counter-number"></span>');
    const cart = await browser.get("/checkout/cart/");
    expect(cart.body).toContain('<span class="counter qty"><span class="counter-number">1</span>');
  });
});
