import { describe, expect, it } from "vitest";
import type { UrlResolution } from "@strangler/adapters";
import { mapResolution, toRequestPath } from "../../lib/page-target.ts";

const resolution = (fields: Partial<UrlResolution>): UrlResolution => ({ type: "PRODUCT", redirectCode: 0, relativeUrl: "", ...fields });

describe("toRequestPath", () => {
  it.each([
    [["joust-duffle-bag.html"], "/joust-duffle-bag.html"],
    [["gear", "bags.html"], "/gear/bags.html"],
    [["about-us", ""], "/about-us"],
    [[], "/"],
  ])("maps %j to %s", (slug, path) => {
    expect(toRequestPath(slug)).toBe(path);
  });
});

describe("mapResolution", () => {
  it.each<[string, UrlResolution | undefined, ReturnType<typeof mapResolution>]>([
    ["accepts a product by url key", resolution({ type: "PRODUCT", id: 14, relativeUrl: "joust-duffle-bag.html" }), { kind: "product", urlKey: "joust-duffle-bag", id: 14 }],
    ["accepts a product under a category path", resolution({ type: "PRODUCT", relativeUrl: "gear/bags/joust-duffle-bag.html" }), { kind: "product", urlKey: "joust-duffle-bag" }],
    ["prefers the identifier Magento gives", resolution({ type: "PRODUCT", identifier: "joust", relativeUrl: "x.html" }), { kind: "product", urlKey: "joust" }],
    ["accepts a category path", resolution({ type: "CATEGORY", id: 4, relativeUrl: "gear/bags.html" }), { kind: "category", urlPath: "gear/bags", id: 4 }],
    ["accepts a CMS page", resolution({ type: "CMS_PAGE", id: 5, identifier: "about-us", relativeUrl: "about-us" }), { kind: "cms", identifier: "about-us", id: 5 }],
    ["honours a 301", resolution({ type: "PRODUCT", redirectCode: 301, relativeUrl: "new-bag.html" }), { kind: "redirect", location: "/new-bag.html", status: 301 }],
    ["honours a 302 to an absolute URL", resolution({ type: "CATEGORY", redirectCode: 302, relativeUrl: "https://shop.example/x.html" }), { kind: "redirect", location: "https://shop.example/x.html", status: 302 }],
    ["rejects an unknown URL with not-found", undefined, { kind: "not-found" }],
    ["rejects a product without a url key", resolution({ type: "PRODUCT", relativeUrl: "" }), { kind: "not-found" }],
  ])("%s", (_name, input, expected) => {
    expect(mapResolution(input)).toEqual(expected);
  });
});
