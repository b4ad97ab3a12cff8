// The new frontend reads Magento only through @strangler/adapters, and only lib/magento.ts (server only)
// holds them. The one request the browser makes itself is Luma's own: the shopper's customer sections on
// the shop's origin (personal data, never rendered on the server). Read from the sources.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { frontendDir } from "../../tools/ensure-build.ts";

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

const sources = [...["app", "components", "lib"].flatMap((dir) => listSources(join(frontendDir, dir))), join(frontendDir, "proxy.ts")]
  .map((path) => ({ file: relative(frontendDir, path), text: readFileSync(path, "utf8") }));

describe("the door to Magento", () => {
  it("reads the sources", () => {
    expect(sources.length).toBeGreaterThan(30);
  });

  it("only lib/magento.ts imports the adapters at run time (everything else imports types)", () => {
    const runtimeImports = sources.filter(({ text }) => /^import (?!type )[^;]*from "@strangler\/adapters"/m.test(text)).map(({ file }) => file);
    expect(runtimeImports).toEqual(["lib/magento.ts"]);
    expect(sources.find(({ file }) => file === "lib/magento.ts")?.text).toContain('import "server-only";');
  });

  it("makes no HTTP call of its own but the browser's customer-sections load", () => {
    const calls = sources.filter(({ text }) => /\bfetch\(|graphql|XMLHttpRequest\(|axios/i.test(text.replace(/^\s*(\/\/|\*).*$/gm, ""))).map(({ file }) => file);
    expect(calls).toEqual(["components/frame/private-content-script.ts"]);
    expect(sources.find(({ file }) => file === "components/frame/private-content-script.ts")?.text).toContain("fetch(`/customer/section/load/");
  });

  it("never reads the environment outside lib/config.ts (and the build-phase checks)", () => {
    const readers = sources.filter(({ text }) => /process\.env\b(?!\.NEXT_PHASE)/.test(text)).map(({ file }) => file);
    expect(readers).toEqual(["lib/config.ts"]);
  });
});
