// The customer group read from X-Magento-Vary, checked against the cookie the real sandbox sets when a
// shopper signs in (Veronica Costello is in group 1, General), not against our own hashing: 2.4.7+ salts
// it with the deployment's crypt key, so the reader needs that key, and without it (or with another) it
// never guesses a group.
import { DEFAULT_CRYPT_KEY, startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerGroupReader } from "../../src/flags/index.ts";

const OTHER_KEY = "another-deployment-crypt-key-0001";
const readGroup = createCustomerGroupReader({ cryptKey: DEFAULT_CRYPT_KEY });
let sandbox: RunningSandbox;
let otherSandbox: RunningSandbox;

beforeAll(async () => {
  [sandbox, otherSandbox] = await Promise.all([startSandbox(), startSandbox({ cryptKey: OTHER_KEY })]);
}, 60_000);
afterAll(async () => Promise.all([sandbox?.close(), otherSandbox?.close()]));

/** Signs in on the sandbox's storefront and answers the X-Magento-Vary cookie Magento set. */
async function signInAndReadVary(store = sandbox): Promise<string> {
  const page = await fetch(`${store.url}/customer/account/login/`);
  const cookies = new Map(page.headers.getSetCookie().map((line) => line.split(";")[0]!.split("=") as [string, string]));
  const body = new URLSearchParams({ form_key: cookies.get("form_key")!, "login[username]": "roni_cost@example.com", "login[password]": "Test1234!" });
  const login = await fetch(`${store.url}/customer/account/loginPost/`, {
    method: "POST", body, redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
  });
  const vary = login.headers.getSetCookie().find((line) => line.startsWith("X-Magento-Vary="));
  if (!vary) throw new Error(`sign-in set no X-Magento-Vary (status ${login.status})`);
  return vary.split(";")[0]!.slice("X-Magento-Vary=".length);
}

describe("customer group from X-Magento-Vary", () => {
  it("accepts the cookie Magento sets at sign-in as the customer's group", async () => {
    expect(readGroup(await signInAndReadVary())).toBe("1");
  });

  it.each([
    ["no cookie: a guest, NOT LOGGED IN", undefined, "0"],
    ["an empty cookie: a guest", "", "0"],
    ["a vary of a context with more than the group (currency chosen)", "0123456789abcdef0123456789abcdef01234567", undefined],
  ])("reads %s", (_name, cookie, group) => {
    expect(readGroup(cookie)).toBe(group);
  });

  it("knows only the groups it was told: a store with groups 1 and 4 reads group 1, one with only 4 does not", async () => {
    const vary = await signInAndReadVary();
    expect(createCustomerGroupReader({ cryptKey: DEFAULT_CRYPT_KEY, groupIds: ["1", "4"] })(vary)).toBe("1");
    expect(createCustomerGroupReader({ cryptKey: DEFAULT_CRYPT_KEY, groupIds: ["4"] })(vary)).toBeUndefined();
  });

  it("reads a store's cookie with that store's crypt key, and never with another one", async () => {
    const vary = await signInAndReadVary(otherSandbox);
    expect(createCustomerGroupReader({ cryptKey: OTHER_KEY })(vary)).toBe("1");
    expect(readGroup(vary)).toBeUndefined();
  });

  it.each([
    ["no crypt key", {}, "X-Magento-Vary cannot be read without MAGENTO_CRYPT_KEY (Magento 2.4.7+ salts it with env.php crypt/key); customerGroup constraints do not match signed-in shoppers"],
    ["a wrong crypt key", { cryptKey: "wrong" }, "X-Magento-Vary matches no customer group of MAGENTO_CUSTOMER_GROUPS: check MAGENTO_CRYPT_KEY and MAGENTO_VARY_HASH, or the shopper chose another currency or store; customerGroup constraints do not match such shoppers"],
    ["the unsalted sha1 of Magento 2.4.6 and older", { hash: "sha1" as const }, "X-Magento-Vary matches no customer group of MAGENTO_CUSTOMER_GROUPS: check MAGENTO_CRYPT_KEY and MAGENTO_VARY_HASH, or the shopper chose another currency or store; customerGroup constraints do not match such shoppers"],
  ])("never guesses with %s: the group is unknown and the first such cookie is reported once", async (_name, options, reason) => {
    const reports: string[] = [];
    const read = createCustomerGroupReader({ ...options, onUnreadable: (why) => reports.push(why) });
    const vary = await signInAndReadVary();
    expect([read(vary), read(vary), read(undefined)]).toEqual([undefined, undefined, "0"]);
    expect(reports).toEqual([reason]);
  });

  it("reads Magento 2.4.6's unsalted sha1 cookie when told to", () => {
    const sha1 = createHash("sha1").update('{"customer_group":"2","customer_logged_in":true}').digest("hex");
    expect(createCustomerGroupReader({ hash: "sha1" })(sha1)).toBe("2");
  });
});
