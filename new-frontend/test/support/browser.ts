// Chromium (Debian's) driven by playwright-core; one fresh context per shopper, so each has its own
// cookies (PHPSESSID, strangler_sid). Screenshots go to test-artifacts/e2e/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "../../tools/services.ts";
import { adminToken } from "./stack.ts";

export const artifactsDir = join(repoRoot, "test-artifacts", "e2e");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** A new shopper: own cookies; sends the engineer's debug header so responses carry X-Strangler-Decision. */
export function newShopper(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, userAgent: shopperAgent(browser), extraHTTPHeaders: { "X-Strangler-Debug": adminToken } });
}

/** Chromium's own User-Agent without "Headless": a headless browser reads as a crawler (isbot), which gets no cookie mid-ramp. */
export function shopperAgent(browser: Browser): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
}

export type Side = "new" | "legacy";

/** Which side rendered the page: the new frontend marks its HTML with a generator meta tag. */
export async function readSide(page: Page): Promise<Side> {
  const marker = await page.locator('meta[name="generator"][content="strangler-new-frontend"]').count();
  return marker > 0 ? "new" : "legacy";
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
