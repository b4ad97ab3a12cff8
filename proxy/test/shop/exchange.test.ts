import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createCustomerGroupReader } from "../../src/flags/customer-group.ts";
import { Exchange } from "../../src/shop/exchange.ts";

function exchange(cookie?: string, search = ""): Exchange {
  const req = { method: "GET", headers: cookie === undefined ? {} : { cookie }, socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
  const ex = new Exchange(req, {} as ServerResponse, 0);
  ex.search = search;
  ex.readCustomerGroup = createCustomerGroupReader({ cryptKey: KEY });
  return ex;
}

const KEY = "exchange-test-crypt-key";
const vary = (group: string) => createHash("sha256").update(`${JSON.stringify({ customer_group: group, customer_logged_in: true })}|${KEY}`).digest("hex");

describe("Exchange as the flag context and match input", () => {
  it.each([
    ["no cookie (a guest)", undefined, "0"],
    ["no X-Magento-Vary (a guest)", "PHPSESSID=abc", "0"],
    ["the General group's vary hash", `PHPSESSID=abc; X-Magento-Vary=${vary("1")}`, "1"],
    ["the Wholesale group's vary hash", `X-Magento-Vary=${vary("2")}; strangler_sid=x`, "2"],
    ["a vary hash of another context", "X-Magento-Vary=0123abcd", undefined],
  ])("reads the customer group from %s", (_name, cookie, group) => {
    expect(exchange(cookie).customerGroup).toBe(group);
  });

  it("parses cookies and query only when asked, once", () => {
    const ex = exchange("a=1; b=2", "?q=bag&q=x");
    expect(ex.cookies).toEqual({ a: "1", b: "2" });
    expect(ex.cookies).toBe(ex.cookies);
    expect(ex.query.getAll("q")).toEqual(["bag", "x"]);
  });
});
