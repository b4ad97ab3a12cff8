// A shopper's switched currency and customer group through the real stack (sandbox, proxy, new frontend):
// the currency switch and the sign-in go to legacy through the proxy, and the product page that follows is
// rendered by the new side in that shopper's currency and group price, the same as legacy shows them. A guest
// asking between them keeps the guest page, and each scope is its own page in Next's cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, startStack, type Stack } from "../support/stack.ts";
import { writePlans } from "../support/plans.ts";

let stack: Stack;

beforeAll(async () => {
  // The stack gives the new frontend the sandbox's crypt key and MAGENTO_CURRENCIES=USD,EUR, as `npm start` does.
  stack = await startStack(await writePlans(100));
  // A group's pages render per request: load that route's code before a shopper's first-byte timeout counts.
  await (await fetch(`${stack.nextUrl}/gear/watches.html?p=1`)).text();
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

const PRODUCT = "/joust-duffle-bag.html";

interface Browser {
  cookies: Map<string, string>;
  cookieHeader(): string;
  get(path: string, headers?: Record<string, string>): Promise<{ headers: Headers; body: string; location: string | undefined }>;
  post(path: string, form: Record<string, string>, referer?: string): Promise<{ headers: Headers; body: string; location: string | undefined }>;
}

/** A shopper's cookie jar over fetch (no redirects followed). */
function createBrowser(baseUrl: string): Browser {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const send = async (method: string, path: string, extra: Record<string, string>, body?: string) => {
    const headers = { cookie: cookieHeader(), ...extra, ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}) };
    const response = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (/max-age=0(;|$)/i.test(line)) cookies.delete(pair.slice(0, at));
      else cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { headers: response.headers, body: await response.text(), location: response.headers.get("location") ?? undefined };
  };
  return {
    cookies, cookieHeader,
    get: (path, headers = {}) => send("GET", path, headers),
    post: (path, form, referer) => send("POST", path, referer ? { referer: new URL(referer, baseUrl).toString() } : {}, new URLSearchParams(form).toString()),
  };
}
const debug = { "x-strangler-debug": adminToken };
const newPriceOf = (html: string) => /<span class="price">([^<]+)<\/span>/.exec(html)?.[1];
const legacyPriceOf = (html: string) => /id="product-price-\d+"[^>]*><span class="price">([^<]+)</.exec(html)?.[1];

/** The product page through the proxy: which side answered, Next's cache verdict, the price shown. */
async function viewThroughProxy(shopper: Browser) {
  const page = await shopper.get(PRODUCT, debug);
  return { side: page.headers.get("x-strangler-decision")?.startsWith("target=new-frontend;") ? "new" : "legacy", cache: page.headers.get("x-nextjs-cache"), price: newPriceOf(page.body) };
}

/** What legacy (the sandbox itself) shows the same shopper, with the same cookies. */
async function legacyPrice(shopper: Browser): Promise<string | undefined> {
  const page = await fetch(`${stack.sandbox.url}${PRODUCT}`, { headers: { cookie: shopper.cookieHeader() } });
  return legacyPriceOf(await page.text());
}

async function switchCurrency(shopper: Browser, currency: string) {
  await shopper.get(PRODUCT);
  // The page's form-key provider (ours and Luma's) sets a form_key cookie when Magento has not; Magento adopts it.
  if (!shopper.cookies.has("form_key")) shopper.cookies.set("form_key", "SwitcherKey12345");
  const answer = await shopper.post("/directory/currency/switch/", { currency, form_key: shopper.cookies.get("form_key")! }, PRODUCT);
  expect(answer.location).toBe(PRODUCT);
}

async function signIn(shopper: Browser, email: string) {
  await shopper.get("/customer/account/login/");
  const answer = await shopper.post("/customer/account/loginPost/", { "login[username]": email, "login[password]": "Test1234!", form_key: shopper.cookies.get("form_key")! });
  expect(answer.location).toBe("/customer/account/");
}

describe("currency and customer group on the new frontend", () => {
  it("shows a shopper who switched to EUR euro prices on the new side, as legacy does; guests keep dollars", async () => {
    const guest = createBrowser(stack.shopUrl);
    expect(await viewThroughProxy(guest)).toMatchObject({ side: "new", price: "$34.00" });
    const euro = createBrowser(stack.shopUrl);
    await switchCurrency(euro, "EUR");
    expect(euro.cookies.has("X-Magento-Vary")).toBe(true);
    const first = await viewThroughProxy(euro);
    expect(first).toMatchObject({ side: "new", price: "€30.60" });
    expect(await legacyPrice(euro)).toBe("€30.60");
    // Each scope is its own cached page: the guest's is a HIT with dollars, the euro one a HIT with euros.
    expect(await viewThroughProxy(guest)).toEqual({ side: "new", cache: "HIT", price: "$34.00" });
    expect(await viewThroughProxy(euro)).toEqual({ side: "new", cache: "HIT", price: "€30.60" });
  });

  it("shows a Wholesale customer the group price on the new side, as legacy does, and a guest at the same time the guest price", async () => {
    const wholesale = createBrowser(stack.shopUrl);
    await signIn(wholesale, "wholesale@example.com");
    const guest = createBrowser(stack.shopUrl);
    const [forWholesale, forGuest] = await Promise.all([viewThroughProxy(wholesale), viewThroughProxy(guest)]);
    expect(forWholesale).toMatchObject({ side: "new", price: "$28.00" });
    expect(await legacyPrice(wholesale)).toBe("$28.00");
    expect(forGuest).toMatchObject({ side: "new", price: "$34.00" });
    // Interleaved again, from the caches: neither ever gets the other's answer.
    for (let round = 0; round < 3; round++) {
      expect((await viewThroughProxy(guest)).price).toBe("$34.00");
      expect((await viewThroughProxy(wholesale)).price).toBe("$28.00");
    }
    // A General-group customer is a group of their own, with no group price on this bag.
    const general = createBrowser(stack.shopUrl);
    await signIn(general, "roni_cost@example.com");
    expect(await viewThroughProxy(general)).toMatchObject({ side: "new", price: "$34.00" });
  });

  it("prices a Wholesale customer in EUR with both in the scope", async () => {
    const shopper = createBrowser(stack.shopUrl);
    await signIn(shopper, "wholesale@example.com");
    await switchCurrency(shopper, "EUR");
    expect(await viewThroughProxy(shopper)).toMatchObject({ side: "new", price: "€25.20" });
    expect(await legacyPrice(shopper)).toBe("€25.20");
  });

  it("never serves a group's page to someone who only names its path", async () => {
    const stranger = await fetch(`${stack.nextUrl}/strangler-listing/default~-~2${PRODUCT}`);
    expect(stranger.status).toBe(500);
    expect(await stranger.text()).not.toContain("$28.00");
    const cached = await fetch(`${stack.nextUrl}/strangler-store/default~-~2${PRODUCT}`);
    expect(cached.status).toBe(404);
  });

  it("leaves a shopper whose X-Magento-Vary it cannot read to legacy", async () => {
    const shopper = createBrowser(stack.shopUrl);
    await shopper.get(PRODUCT);
    shopper.cookies.set("X-Magento-Vary", "0".repeat(64));
    expect((await viewThroughProxy(shopper)).side).toBe("legacy");
  });
});
