import { describe, expect, it } from "vitest";
import { routeLabel } from "../../lib/route-label.ts";

describe("routeLabel", () => {
  it.each([
    ["/", "/strangler-store/[store]/[[...slug]]"],
    ["/fusion-backpack.html", "/strangler-store/[store]/[[...slug]]"],
    ["/gear/bags.html?", "/strangler-store/[store]/[[...slug]]"],
    ["/gear/bags.html?p=2", "/strangler-listing/[store]/[...slug]"],
    ["/catalogsearch/result/?q=bag", "/catalogsearch/result"],
    ["/fr/catalogsearch/result?q=sac", "/catalogsearch/result"],
    ["/_next/static/chunks/main.js", "/_next"],
    ["/api/health", "/api/health"],
    ["/api/revalidate", "/api/revalidate"],
    ["/api/anything-else", "/api/other"],
  ])("%s → %s", (url, route) => {
    expect(routeLabel(url)).toBe(route);
  });
});
