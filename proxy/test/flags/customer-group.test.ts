// The customer group read from X-Magento-Vary, checked against the cookie the real sandbox sets when a
// shopper signs in (Veronica Costello is in group 1, General), not against our own hashing.
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerGroupReader } from "../../src/flags/index.ts";

const readGroup = createCustomerGroupReader();
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
}, 60_000);
afterAll(async () => sandbox?.close());

/** Signs in on the sandbox's storefront and answers the X-Magento-Vary cookie Magento set. */
async function signInAndReadVary(): Promise<string> {
  const page = await fetch(`${sandbox.url}/customer/account/login/`);
  const cookies = new Map(page.headers.getSetCookie().map((line) => line.split(";")[0]!.split("=") as [string, string]));
  const body = new URLSearchParams({ form_key: cookies.get("form_key")!, "login[username]": "roni_cost@example.com", "login[password]": "Test1234!" });
  const login = await fetch(`${sandbox.url}/customer/account/loginPost/`, {
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
    expect(createCustomerGroupReader(["1", "4"])(vary)).toBe("1");
    expect(createCustomerGroupReader(["4"])(vary)).toBeUndefined();
  });
});
