import { describe, expect, it } from "vitest";
import { detectDevice } from "../../src/flags/device.ts";
import { toUnleashContext } from "../../src/flags/unleash-context.ts";

describe("device from the user agent", () => {
  it.each([
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1", "mobile"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", "mobile"],
    ["Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "tablet"],
    ["Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", "tablet"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", "desktop"],
    ["Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X) AppleWebKit/537.36 Mobile Safari/537.36 (compatible; Googlebot/2.1)", "bot"],
    [undefined, "unknown"],
  ])("classifies %s as %s", (userAgent, device) => {
    expect(detectDevice(userAgent)).toBe(device);
  });
});

describe("Unleash context", () => {
  const context = { sessionId: "s1", storeCode: "default", pageType: "PRODUCT", customerGroup: "general", remoteAddress: "10.0.0.1", userAgent: "curl/8" };

  it("passes the session, address and properties, and no user id (a stock Magento exposes none)", () => {
    expect(toUnleashContext(context)).toEqual({
      sessionId: "s1",
      remoteAddress: "10.0.0.1",
      properties: { device: "desktop", storeCode: "default", pageType: "PRODUCT", customerGroup: "general", userAgent: "curl/8" },
    });
  });
});
