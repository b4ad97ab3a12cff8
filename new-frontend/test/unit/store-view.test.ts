import { describe, expect, it } from "vitest";
import { parseFrontendConfig } from "../../lib/config.ts";
import { toPublicUrl, toStoreHref } from "../../lib/public-url.ts";
import { pickStore, toStoreView } from "../../lib/store-view.ts";

const config = parseFrontendConfig({ MAGENTO_URL: "http://m", PUBLIC_URL: "https://shop.example", STORE_CODES: "default,fr" });

describe("pickStore", () => {
  it.each<[string, string | null, string | undefined, string, { code: string; path: string }]>([
    ["accepts the Store header first", "fr", "default", "/default/x.html", { code: "fr", path: "/x.html" }],
    ["accepts a store code path prefix before the cookie", null, "default", "/fr/x.html", { code: "fr", path: "/x.html" }],
    ["accepts a bare store code path as that store's home", null, undefined, "/fr", { code: "fr", path: "/" }],
    ["accepts the store cookie", null, "fr", "/x.html", { code: "fr", path: "/x.html" }],
    ["accepts nothing: the default store", null, undefined, "/x.html", { code: "default", path: "/x.html" }],
    ["rejects an unknown header, prefix and cookie", "xx", "yy", "/xx/x.html", { code: "default", path: "/xx/x.html" }],
    ["rejects a prefix that only starts like a code", null, undefined, "/french/x.html", { code: "default", path: "/french/x.html" }],
  ])("%s", (_name, header, cookie, path, expected) => {
    expect(pickStore(header, cookie, path, config)).toEqual(expected);
  });
});

describe("toPublicUrl", () => {
  it.each([
    ["/joust-duffle-bag.html", "https://shop.example", "https://shop.example/joust-duffle-bag.html"],
    ["/joust-duffle-bag.html", "https://shop.example/fr", "https://shop.example/fr/joust-duffle-bag.html"],
    ["gear/bags.html", "https://shop.example/fr/", "https://shop.example/fr/gear/bags.html"],
    ["https://elsewhere.example/x", "https://shop.example", "https://elsewhere.example/x"],
  ])("accepts %s on %s", (path, publicUrl, expected) => {
    expect(toPublicUrl(path, publicUrl)).toBe(expected);
  });
});

describe("links of a store view", () => {
  const prefixed = parseFrontendConfig({ MAGENTO_URL: "http://m", PUBLIC_URL: "https://shop.example", STORE_CODES: "default,fr,de", STORE_PUBLIC_URLS: "fr=https://shop.example/fr,de=https://de.shop.example" });

  it("keeps the default store's links root-relative and gives the others their public URL", () => {
    expect(["default", "fr", "de"].map((code) => toStoreView(code, prefixed).linkBase)).toEqual(["", "https://shop.example/fr", "https://de.shop.example"]);
  });

  it.each([
    ["/gear.html", "", "/gear.html"],
    ["/gear.html", "https://shop.example/fr", "https://shop.example/fr/gear.html"],
    ["/", "https://shop.example/fr", "https://shop.example/fr/"],
    ["/checkout/cart/add/uenc/aHR0cA,,/product/1/", "https://de.shop.example", "https://de.shop.example/checkout/cart/add/uenc/aHR0cA,,/product/1/"],
    ["https://elsewhere.example/x", "https://shop.example/fr", "https://elsewhere.example/x"],
    ["//cdn.example/x.js", "https://shop.example/fr", "//cdn.example/x.js"],
    ["?p=2", "https://shop.example/fr", "?p=2"],
  ])("links %s on %j as %s", (path, base, expected) => {
    expect(toStoreHref(path, base)).toBe(expected);
  });
});
