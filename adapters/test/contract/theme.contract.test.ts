// Contract: the legacy theme's stylesheets, read from the sandbox storefront's page head; cached, and
// dropped by a purge of `strangler_theme` (or of everything).
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters } from "../../src/index.ts";
import type { Adapters } from "../../src/index.ts";

let sandbox: RunningSandbox;
let adapters: Adapters;
const calls: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = createAdapters({ magentoUrl: sandbox.url, onMagentoCall: (operation) => calls.push(operation) });
});
afterAll(async () => {
  await adapters.close();
  await sandbox.close();
});

describe("theme stylesheets against the sandbox", () => {
  it("reads Luma's stylesheets from the page head, then serves them from the cache until purged", async () => {
    const sheets = await adapters.getThemeStylesheets();
    expect(sheets).toEqual([
      { href: expect.stringMatching(/\/static\/version\d+\/frontend\/Magento\/luma\/en_US\/css\/styles-m\.css$/), media: "all" },
      { href: expect.stringMatching(/\/static\/version\d+\/frontend\/Magento\/luma\/en_US\/css\/styles-l\.css$/), media: "screen and (min-width: 768px)" },
    ]);
    const css = await fetch(new URL(new URL(sheets[0]!.href).pathname, sandbox.url));
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain(".page-header");
    await adapters.getThemeStylesheets();
    expect(calls.filter((operation) => operation === "theme stylesheets")).toHaveLength(1);
    expect(await adapters.purge(["strangler_theme"])).toBe(1);
    await adapters.getThemeStylesheets();
    expect(calls.filter((operation) => operation === "theme stylesheets")).toHaveLength(2);
  });
});
