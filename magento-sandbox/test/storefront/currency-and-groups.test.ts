// The currency switcher (Directory's SwitchAction) and customer-group prices, on the storefront and in
// GraphQL, with X-Magento-Vary as Magento 2.4.7+ computes it from the whole HTTP context.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_CRYPT_KEY } from "../../src/index.ts";
import { createBrowser, type Browser } from "../support/browser.ts";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

const vary = (context: Record<string, string | boolean>) =>
  createHash("sha256").update(`${JSON.stringify(context)}|${DEFAULT_CRYPT_KEY}`).digest("hex");
const priceOnPage = (body: string) => /id="product-price-\d+"[^>]*data-price-amount="([\d.]+)"[^>]*><span class="price">([^<]+)</.exec(body)?.slice(1, 3);

async function switchTo(browser: Browser, currency: string, from = "/joust-duffle-bag.html") {
  await browser.get(from);
  return browser.post("/directory/currency/switch/", { currency, form_key: browser.cookies.get("form_key")! }, from);
}

async function signIn(browser: Browser, email: string) {
  await browser.get("/customer/account/login/");
  await browser.post("/customer/account/loginPost/", { "login[username]": email, "login[password]": "Test1234!", form_key: browser.cookies.get("form_key")! });
}

const PRICE = `{ products(filter: { sku: { eq: "24-MB01" } }) { items {
  price_range { minimum_price { regular_price { value currency } final_price { value currency } } }
  price_tiers { quantity final_price { value currency } } } } }`;

describe("currency switcher", () => {
  it("switches the session to EUR: X-Magento-Vary carries current_currency, pages show euros, back to the page", async () => {
    const browser = createBrowser(sandbox.url);
    const switched = await switchTo(browser, "EUR");
    expect(switched.status).toBe(302);
    expect(switched.location).toBe("/joust-duffle-bag.html");
    expect(browser.cookies.get("X-Magento-Vary")).toBe(vary({ current_currency: "EUR" }));
    expect(priceOnPage((await browser.get("/joust-duffle-bag.html")).body)).toEqual(["30.6", "€30.60"]);
    await switchTo(browser, "USD");
    expect(browser.cookies.has("X-Magento-Vary")).toBe(false);
    expect(priceOnPage((await browser.get("/joust-duffle-bag.html")).body)).toEqual(["34", "$34.00"]);
  });

  it.each([
    ["a currency the store does not allow", { currency: "GBP" }],
    ["no form key", { currency: "EUR", form_key: "" }],
  ])("changes nothing for %s", async (_name, form) => {
    const browser = createBrowser(sandbox.url);
    await browser.get("/joust-duffle-bag.html");
    await browser.post("/directory/currency/switch/", { form_key: browser.cookies.get("form_key")!, ...form }, "/joust-duffle-bag.html");
    expect(browser.cookies.has("X-Magento-Vary")).toBe(false);
    expect(priceOnPage((await browser.get("/joust-duffle-bag.html")).body)).toEqual(["34", "$34.00"]);
  });

  it("goes back to the uenc URL's path, never to another host", async () => {
    const browser = createBrowser(sandbox.url);
    await browser.get("/");
    const uenc = Buffer.from("http://evil.example/gear/bags.html").toString("base64url");
    const answer = await browser.post("/directory/currency/switch/", { currency: "EUR", uenc, form_key: browser.cookies.get("form_key")! });
    expect(answer.location).toBe("/gear/bags.html");
  });
});

describe("customer-group prices", () => {
  it("shows a Wholesale customer the group price, with both group and currency in X-Magento-Vary", async () => {
    const wholesale = createBrowser(sandbox.url);
    await signIn(wholesale, "wholesale@example.com");
    expect(wholesale.cookies.get("X-Magento-Vary")).toBe(vary({ customer_group: "2", customer_logged_in: true }));
    expect(priceOnPage((await wholesale.get("/joust-duffle-bag.html")).body)).toEqual(["28", "$28.00"]);
    await switchTo(wholesale, "EUR");
    expect(wholesale.cookies.get("X-Magento-Vary")).toBe(vary({ current_currency: "EUR", customer_group: "2", customer_logged_in: true }));
    expect(priceOnPage((await wholesale.get("/joust-duffle-bag.html")).body)).toEqual(["25.2", "€25.20"]);
  });

  it("keeps the guest price for guests and the General group", async () => {
    const general = createBrowser(sandbox.url);
    await signIn(general, "roni_cost@example.com");
    expect(priceOnPage((await general.get("/joust-duffle-bag.html")).body)).toEqual(["34", "$34.00"]);
    expect(priceOnPage((await createBrowser(sandbox.url).get("/joust-duffle-bag.html")).body)).toEqual(["34", "$34.00"]);
  });

  it("answers GraphQL with the group price for a Wholesale token, in the Content-Currency asked for", async () => {
    const token = await gql.post<{ generateCustomerToken: { token: string } }>(
      `mutation { generateCustomerToken(email: "wholesale@example.com", password: "Test1234!") { token } }`);
    const auth = { Authorization: `Bearer ${token.body.data!.generateCustomerToken.token}` };
    const usd = await gql.post(PRICE, { headers: auth });
    expect(usd.body.data).toEqual({ products: { items: [{
      price_range: { minimum_price: { regular_price: { value: 34, currency: "USD" }, final_price: { value: 28, currency: "USD" } } },
      price_tiers: [{ quantity: 1, final_price: { value: 28, currency: "USD" } }],
    }] } });
    const eur = await gql.post(PRICE, { headers: { ...auth, "Content-Currency": "EUR" } });
    expect(eur.body.data).toMatchObject({ products: { items: [{ price_range: { minimum_price: { final_price: { value: 25.2, currency: "EUR" } } } }] } });
    const guest = await gql.get(PRICE);
    expect(guest.body.data).toEqual({ products: { items: [{
      price_range: { minimum_price: { regular_price: { value: 34, currency: "USD" }, final_price: { value: 34, currency: "USD" } } }, price_tiers: [],
    }] } });
    expect(usd.headers.get("x-magento-cache-id")).not.toBe(guest.headers.get("x-magento-cache-id"));
  });

  it("prices GraphQL by the storefront session cookie too (graphql/session/disable off)", async () => {
    const wholesale = createBrowser(sandbox.url);
    await signIn(wholesale, "wholesale@example.com");
    const answer = await gql.post(PRICE, { headers: { cookie: `PHPSESSID=${wholesale.cookies.get("PHPSESSID")}` } });
    expect(answer.body.data).toMatchObject({ products: { items: [{ price_range: { minimum_price: { final_price: { value: 28 } } } }] } });
  });
});
