/**
 * Every workspace declares what it imports: production code (anything outside test/, bench/, tools/ and
 * scripts) only from its `dependencies`, the rest from its own or the root's dev dependencies. And it
 * declares nothing it never imports. Imports are read by TypeScript's own pre-processor, so comments and
 * strings are never mistaken for imports.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const WORKSPACES = ["migration-plans", "magento-sandbox", "adapters", "proxy", "new-frontend", "services/search", "deploy"];
const DEV_ONLY_DIRS = /^(test|bench|tools|scripts)\/|^vitest(\.[a-z]+)?\.config\.ts$/;
/**
 * Declared for what they bring at run time without an import: types packages, Next's peer deps, CLIs,
 * and files served as they are (uplot's bundle, which the dashboard sends to the browser).
 */
const USED_WITHOUT_IMPORT = /^(@types\/|react-dom$|unleash-server$|uplot$)/;

interface Manifest { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
const manifest = (dir: string) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as Manifest;

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "test-artifacts") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path);
  }
  return found;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; relative and node: imports are not packages. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:") || specifier.startsWith("/")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function importsOf(workspace: string): Array<{ file: string; pkg: string }> {
  const dir = join(root, workspace);
  return sourceFiles(dir).flatMap((path) => ts.preProcessFile(readFileSync(path, "utf8"), true, true).importedFiles
    .map((imported) => ({ file: relative(dir, path), pkg: packageOf(imported.fileName) }))
    .filter((entry): entry is { file: string; pkg: string } => entry.pkg !== undefined));
}

describe.each(WORKSPACES)("%s's dependencies", (workspace) => {
  const own = manifest(workspace);
  const rootDev = Object.keys(manifest(".").devDependencies ?? {});
  const deps = new Set(Object.keys(own.dependencies ?? {}));
  const devDeps = new Set([...Object.keys(own.devDependencies ?? {}), ...rootDev]);
  const imports = importsOf(workspace);

  it("declares every package its production code imports in dependencies", () => {
    const missing = imports.filter(({ file, pkg }) => !DEV_ONLY_DIRS.test(file) && pkg !== own.name && !deps.has(pkg));
    expect(missing).toEqual([]);
  });

  it("declares every package its tests, benches and tools import", () => {
    const missing = imports.filter(({ pkg }) => pkg !== own.name && !deps.has(pkg) && !devDeps.has(pkg));
    expect(missing).toEqual([]);
  });

  it("declares nothing it never imports", () => {
    const used = new Set(imports.map(({ pkg }) => pkg));
    const declared = [...Object.keys(own.dependencies ?? {}), ...Object.keys(own.devDependencies ?? {})];
    expect(declared.filter((pkg) => !used.has(pkg) && !USED_WITHOUT_IMPORT.test(pkg))).toEqual([]);
  });

  it("needs a Node that runs .ts directly and runs undici 8 (>= 22.19)", () => {
    expect((manifest(workspace) as Manifest & { engines?: { node?: string } }).engines?.node).toBe(">=22.19");
  });
});
