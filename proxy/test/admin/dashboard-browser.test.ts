// The migration dashboard in Debian's Chromium: log in with the admin token, see a plan at 30 %, watch
// the split chart's totals follow real shopper requests through the real proxy to small loopback
// upstreams, move the plan to 50 % with the button (confirmation, audit line), then use the kill
// switch. Screenshots go to test-artifacts/dashboard/ at 1280×800.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/admin/audit-log.ts";
import { getBucket } from "../../src/flags/index.ts";
import { startCliProxy, type CliProxy } from "../cli/support/cli-proxy.ts";
import { createShoppers, readSides } from "../flags/support/shoppers.ts";
import { ADMIN_TOKEN } from "../support/proxy.ts";

const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/dashboard/", import.meta.url));
const FLAG = "strangler.product-pages";
const PLANS = {
  "product-pages.yaml": "id: product-pages\ntarget: new-frontend\nmatch:\n  - path: /p/**\nrollout: { percentage: 0, stickiness: sessionId }\n",
  "cms-pages.yaml": "id: cms-pages\ntarget: new-frontend\nmatch:\n  - path: /c/**\n",
};
const prefix = `strangler:test:dashboard:${randomUUID()}:`;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const shoppers = createShoppers(120, "dash");

let running: CliProxy;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const sent = { new: 0, legacy: 0 };

/** Every shopper asks for one product page; returns how many the new side answered. */
async function shop(): Promise<boolean[]> {
  const sides = await readSides(running.proxy.shopUrl, shoppers, (sessionId) => `/p/${sessionId}`);
  for (const side of sides) sent[side ? "new" : "legacy"] += 1;
  return sides;
}

async function screenshot(name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

const row = () => page.locator('#plans tr[data-plan="product-pages"]');
const totals = () => page.locator("#split-totals");

async function expectTotals(): Promise<void> {
  await expect.poll(async () => ({ new: Number(await totals().getAttribute("data-new")), legacy: Number(await totals().getAttribute("data-legacy")) }), { timeout: 10_000 })
    .toEqual({ ...sent });
}

beforeAll(async () => {
  running = await startCliProxy(PLANS, { REDIS_URL: "redis://127.0.0.1:6379", STATS_REDIS_PREFIX: prefix });
  const set = await fetch(`${running.proxy.adminUrl}/flags/${FLAG}`, { method: "PUT", headers: { ...auth, "content-type": "application/json", "x-strangler-actor": "setup" }, body: JSON.stringify({ percentage: 30 }) });
  expect(set.status).toBe(200);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await running?.close();
  const redis = new Redis("redis://127.0.0.1:6379");
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("migration dashboard in Chromium", () => {
  it("asks for the token on a login form, and refuses a wrong one", async () => {
    await page.goto(running.proxy.adminUrl);
    await expect.poll(() => page.locator("form[action='/login']").count()).toBe(1);
    await page.fill("input[name=name]", "alice");
    await page.fill("input[name=token]", "not-the-admin-token-at-all");
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator(".error").textContent()).toBe("That is not the proxy's admin token.");
    await screenshot("01-login-refused");
  });

  it("logs in: the plan shows at 30 % with who set it, and no token lands in the URL", async () => {
    await page.fill("input[name=name]", "alice");
    await page.fill("input[name=token]", ADMIN_TOKEN);
    await page.click("button[type=submit]");
    await row().waitFor();
    consoleErrors.length = 0; // the refused login's 401 page logs one; the dashboard itself must log none
    expect(page.url()).toBe(`${running.proxy.adminUrl}/`);
    await expect.poll(() => row().locator("td[data-share]").getAttribute("data-share")).toBe("30");
    expect(await row().textContent()).toContain("setup");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "strangler_admin")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  });

  it("draws the split as real traffic arrives: the chart's totals follow what the shoppers got", async () => {
    const sides = await shop();
    expect(sides).toEqual(shoppers.map((id) => getBucket(FLAG, id) <= 30));
    expect(sent.new).toBeGreaterThan(0);
    await row().click();
    expect(await page.locator("#chart-plan").inputValue()).toBe("product-pages");
    await expectTotals();
    expect(await page.locator("#chart-split canvas").count()).toBe(1);
    await screenshot("02-plan-at-30");
  });

  it("moves the plan to 50 % with the button, after a confirmation that asks why; the audit log names alice", async () => {
    await row().locator("button[data-action=share]").click();
    await page.locator("#confirm").waitFor({ state: "visible" });
    await page.fill("#confirm-share", "50");
    await page.fill("#confirm-why", "error rate flat at 30 %");
    await screenshot("03-confirm-50");
    await page.click("#confirm-ok");
    await expect.poll(() => row().locator("td[data-share]").getAttribute("data-share")).toBe("50");
    const { entries } = await (await fetch(`${running.proxy.adminUrl}/audit?limit=1`, { headers: auth })).json() as { entries: AuditEntry[] };
    expect(entries[0]).toMatchObject({ actor: "dashboard:alice", action: "set", plan: "product-pages", from: 30, to: 50, why: "error rate flat at 30 %" });
    expect(await page.locator("#audit tbody tr").first().textContent()).toContain("dashboard:alice");

    const sides = await shop();
    expect(sides).toEqual(shoppers.map((id) => getBucket(FLAG, id) <= 50));
    await expectTotals();
    await screenshot("04-plan-at-50");
  });

  it("filters the decisions ring by plan and reason", async () => {
    await fetch(`${running.proxy.shopUrl}/c/about`).then((r) => r.text());
    await expect.poll(() => page.locator("#decision-plan option[value='cms-pages']").count(), { timeout: 5_000 }).toBe(1);
    const rows = page.locator("#decisions tbody tr");
    await page.selectOption("#decision-plan", "cms-pages");
    expect((await rows.allTextContents()).map((text) => text.includes("/c/about"))).toEqual([true]);
    await page.selectOption("#decision-plan", "product-pages");
    await page.selectOption("#decision-reason", "flag-off");
    const shown = await rows.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((text) => text.includes("product-pages") && text.includes("flag-off"))).toBe(true);
  });

  it("the kill switch sends every shopper to legacy, and cancelling it changes nothing", async () => {
    await row().locator("button[data-action=kill]").click();
    await page.click("#confirm button[value=cancel]");
    expect(await row().locator("td[data-share]").getAttribute("data-share")).toBe("50");

    await row().locator("button[data-action=kill]").click();
    await page.fill("#confirm-why", "drill");
    await page.click("#confirm-ok");
    await expect.poll(() => row().locator("td[data-share]").getAttribute("data-share")).toBe("0");
    expect(await row().textContent()).toContain("killed");
    expect(await shop()).toEqual(shoppers.map(() => false));
    await expectTotals();
    await screenshot("05-killed");
  });

  it("fits 1280×800 without sideways scrolling, and the page raised no script or CSP error", async () => {
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1280);
    expect(consoleErrors).toEqual([]);
  });
});
