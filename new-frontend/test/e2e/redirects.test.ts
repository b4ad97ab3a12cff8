// Magento's redirecting URL rewrites are answered with Magento's own status (301 or 302, never Next's
// 308/307) and an absolute Location on the shop's public URL, by proxy.ts, over real HTTP. The sandbox
// has no redirecting rewrites, so a doctored Magento (the sandbox, with two `route` answers changed) stands in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDoctoredFrontend, type DoctoredFrontend } from "../support/doctored-frontend.ts";

const publicUrl = "http://shop.example";
let frontend: DoctoredFrontend;
let nextUrl: string;

const redirectRoute = (redirectCode: number, relativeUrl: string) => ({
  __typename: "SimpleProduct", type: "PRODUCT", redirect_code: redirectCode, relative_url: relativeUrl, id: 1, uid: "MQ==", url_key: "joust-duffle-bag",
});

beforeAll(async () => {
  frontend = await startDoctoredFrontend({
    routes: {
      "old-joust-duffle.html": redirectRoute(301, "joust-duffle-bag.html"),
      "joust-sale.html": redirectRoute(302, "gear/bags/joust-duffle-bag.html"),
      "moved-away.html": redirectRoute(301, "https://elsewhere.example/landing"),
    },
  }, publicUrl);
  nextUrl = frontend.nextUrl;
}, 120_000);

afterAll(async () => {
  await frontend?.close();
});

describe("Magento's redirects", () => {
  it.each([
    ["/old-joust-duffle.html", 301, `${publicUrl}/joust-duffle-bag.html`],
    ["/joust-sale.html", 302, `${publicUrl}/gear/bags/joust-duffle-bag.html`],
    ["/old-joust-duffle.html?utm_source=mail", 301, `${publicUrl}/joust-duffle-bag.html?utm_source=mail`],
    ["/moved-away.html?utm_source=mail", 301, "https://elsewhere.example/landing"],
  ])("answers %s with %i to %s", async (path, status, location) => {
    const response = await fetch(`${nextUrl}${path}`, { redirect: "manual" });
    expect(response.status).toBe(status);
    expect(response.headers.get("location")).toBe(location);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("still renders the pages that do not redirect, through the same upstream", async () => {
    const response = await fetch(`${nextUrl}/joust-duffle-bag.html`, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<meta name="generator" content="strangler-new-frontend"/>');
  });
});
