// Reading a shopper's currency and customer group from X-Magento-Vary as Magento 2.4.7+ writes it, and the
// route segment that keeps each scope's page apart in Next's cache.
import { describe, expect, it } from "vitest";
import { createVaryHasher, DEFAULT_CRYPT_KEY } from "@strangler/magento-sandbox";
import { createVaryReader, parseScopeSegment, toScopeSegment } from "../../lib/shopper-context.ts";

const sandboxVary = createVaryHasher(DEFAULT_CRYPT_KEY);
const read = createVaryReader({ cryptKey: DEFAULT_CRYPT_KEY, customerGroups: ["1", "2", "3"], currencies: ["USD", "EUR"], defaultStore: "default" });

describe("createVaryReader", () => {
  it.each([
    ["no cookie: a guest in the display currency", undefined, { customerGroup: "0" }],
    ["a switched currency", sandboxVary({ currency: "EUR" }), { currency: "EUR", customerGroup: "0" }],
    ["a Wholesale customer", sandboxVary({ customerGroupId: 2 }), { customerGroup: "2" }],
    ["a Wholesale customer in EUR", sandboxVary({ currency: "EUR", customerGroupId: 2 }), { currency: "EUR", customerGroup: "2" }],
  ])("accepts %s", (_name, vary, shopper) => {
    expect(read("default", vary)).toEqual(shopper);
  });

  it.each([
    ["another crypt key's cookie", createVaryHasher("another-deployment-key-0123")({ customerGroupId: 2 })],
    ["a group not configured", sandboxVary({ customerGroupId: 7 })],
    ["a currency not configured", sandboxVary({ currency: "GBP" })],
    ["garbage", "not-a-hash"],
  ])("rejects %s (undefined: left to legacy)", (_name, vary) => {
    expect(read("default", vary)).toBeUndefined();
  });

  it("rejects every cookie without a crypt key, but still knows a guest", () => {
    const keyless = createVaryReader({ customerGroups: ["2"], currencies: ["EUR"], defaultStore: "default" });
    expect(keyless("default", sandboxVary({ customerGroupId: 2 }))).toBeUndefined();
    expect(keyless("default", undefined)).toEqual({ customerGroup: "0" });
  });

  it("adds `store` to the context of a store view other than the default, as Magento's store context does", () => {
    expect(read("fr", sandboxVary({ customerGroupId: 2 }))).toBeUndefined();
  });
});

describe("scope segments", () => {
  it.each([
    ["default", { customerGroup: "0" }],
    ["default~EUR~0", { currency: "EUR", customerGroup: "0" }],
    ["fr~-~2", { customerGroup: "2" }],
    ["default~EUR~2", { currency: "EUR", customerGroup: "2" }],
  ])("accepts %s both ways", (segment, shopper) => {
    const store = segment.split("~")[0]!;
    expect(toScopeSegment(store, shopper)).toBe(segment);
    expect(parseScopeSegment(segment)).toEqual({ store, shopper });
  });

  it.each(["default~eur~0", "default~EUR", "default~EUR~02", "Default", "default~EUR~2~x", ""])("rejects %s", (segment) => {
    expect(parseScopeSegment(segment)).toBeUndefined();
  });
});
