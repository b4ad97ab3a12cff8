// Visual parity: legacy (the sandbox, fetched directly) and new (the new frontend through the proxy)
// screenshotted in Debian's Chromium at a desktop (1280×800) and a phone (390×844) viewport, compared
// pixel by pixel (pixelmatch). Both sides are styled by the legacy theme's own stylesheets (the new side
// links them through the adapters), so at most 2 % of the pixels may differ. Animations, transitions and
// the caret are off; fonts are the machine's local ones. Diff images go to test-artifacts/parity/.
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../tools/services.ts";
import { launchBrowser, readSide } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";

const artifactsDir = join(repoRoot, "test-artifacts", "parity");
const maxDiffShare = 0.02;

const pages = [
  { name: "product", path: "/joust-duffle-bag.html" },
  { name: "category", path: "/gear/bags.html" },
  { name: "search", path: "/catalogsearch/result/?q=bag" },
  { name: "cms", path: "/about-us" },
];
const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];

/** Every page type this test looks at goes to the new frontend. */
async function writeAllNewPlans(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "strangler-parity-plans-"));
  const plan = (id: string, match: string) => [`id: ${id}`, `description: parity ${id}`, "owner: team-e2e", "target: new-frontend", "match:", match, "rollout: { percentage: 100 }", "fallback: legacy", ""].join("\n");
  await writeFile(join(dir, "catalog.yaml"), plan("catalog", "  - pageType: PRODUCT\n  - pageType: CATEGORY\n  - pageType: CMS_PAGE"));
  await writeFile(join(dir, "search.yaml"), plan("search", "  - path: /catalogsearch/result/\n    query: { q: \"*\" }"));
  await writeFile(join(dir, "assets.yaml"), plan("assets", "  - path: /_next/**"));
  return dir;
}

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([writeAllNewPlans().then((dir) => startStack(dir)), launchBrowser()]);
  mkdirSync(artifactsDir, { recursive: true });
  // Render each page once on the new side first: a cold render on a loaded machine can outlast the
  // proxy's patience, and the proxy then (rightly) answers from legacy.
  for (const target of pages) await (await fetch(`${stack.nextUrl}${target.path}`)).text();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const stillPage = "*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }";

async function shoot(page: Page, url: string): Promise<{ png: PNG; side: string }> {
  await page.goto(url, { waitUntil: "networkidle" });
  await page.addStyleTag({ content: stillPage });
  // The new side sets Luma's body classes once hydrated; both load the customer sections.
  await page.waitForFunction(() => document.body.className !== "" && document.fonts.status === "loaded");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return { png: PNG.sync.read(await page.screenshot({ animations: "disabled", caret: "hide" })), side: await readSide(page) };
}

function shareDiffering(a: PNG, b: PNG, diff?: PNG): { differing: number; share: number } {
  const differing = pixelmatch(a.data, b.data, diff?.data ?? null, a.width, a.height, { threshold: 0.1 });
  return { differing, share: differing / (a.width * a.height) };
}

describe("the comparison itself", () => {
  it("sees two different pages as different (more than 2 % of pixels)", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: "reduce" });
    try {
      const page = await context.newPage();
      const product = await shoot(page, `${stack.sandbox.url}/joust-duffle-bag.html`);
      const category = await shoot(page, `${stack.sandbox.url}/gear/bags.html`);
      expect(shareDiffering(product.png, category.png).share).toBeGreaterThan(maxDiffShare);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe("legacy and new look the same", () => {
  for (const viewport of viewports) {
    for (const target of pages) {
      it(`${target.name} at ${viewport.width}×${viewport.height}: at most 2 % of pixels differ`, async () => {
        const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: 1, reducedMotion: "reduce" });
        try {
          const page = await context.newPage();
          const legacy = await shoot(page, `${stack.sandbox.url}${target.path}`);
          const next = await shoot(page, `${stack.shopUrl}${target.path}`);
          expect([legacy.side, next.side]).toEqual(["legacy", "new"]);
          const { width, height } = legacy.png;
          const diff = new PNG({ width, height });
          const { differing, share } = shareDiffering(legacy.png, next.png, diff);
          const stem = join(artifactsDir, `${target.name}-${viewport.name}`);
          writeFileSync(`${stem}-legacy.png`, PNG.sync.write(legacy.png));
          writeFileSync(`${stem}-new.png`, PNG.sync.write(next.png));
          writeFileSync(`${stem}-diff.png`, PNG.sync.write(diff));
          console.log(`parity ${target.name} ${viewport.width}x${viewport.height}: ${differing} px = ${(share * 100).toFixed(3)} % of pixels differ`);
          expect(share).toBeLessThanOrEqual(maxDiffShare);
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }
});
