// What an image's node_modules holds beyond what its workspace needs at run time. Starting from the
// workspace's dependencies (and optional and peer ones), each package is found the way Node finds it
// (the nearest node_modules upward) and followed through its own; any installed package never reached
// is there for another reason: a dev dependency, or another workspace's.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative } from "node:path";

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/** Every package directory under `dir`'s node_modules, nested ones included (paths, not real paths). */
export function listInstalled(dir: string): string[] {
  const found: string[] = [];
  const modules = join(dir, "node_modules");
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith(".")) continue;
    const names = entry.startsWith("@") ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of names) {
      const path = join(modules, name);
      found.push(path);
      if (!lstatSync(path).isSymbolicLink()) found.push(...listInstalled(path));
    }
  }
  return found;
}

/** Node's lookup: `name` in the nearest node_modules from `from` up to `top`. */
function findPackage(name: string, from: string, top: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === top || dirname(dir) === dir) return undefined;
  }
}

/** Directories (not inside a node_modules) that hold a node_modules: the install root and workspaces. */
function findModuleRoots(dir: string, depth: number): string[] {
  const here = existsSync(join(dir, "node_modules")) ? [dir] : [];
  if (depth === 0) return here;
  const children = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith("."));
  return [...here, ...children.flatMap((entry) => findModuleRoots(join(dir, entry.name), depth - 1))];
}

/** Installed package paths that `workspaceDir`'s production dependencies never reach, relative to `installDir`. */
export function findUnneededPackages(installDir: string, workspaceDir: string): string[] {
  const reached = new Set<string>();
  const visitedRealDirs = new Set<string>();
  const visit = (packageDir: string) => {
    const real = realpathSync(packageDir);
    if (visitedRealDirs.has(real)) return;
    visitedRealDirs.add(real);
    const { dependencies = {}, optionalDependencies = {}, peerDependencies = {} } = readManifest(real);
    for (const name of new Set([...Object.keys(dependencies), ...Object.keys(optionalDependencies), ...Object.keys(peerDependencies)])) {
      // Lookups start from the path Node would see: a workspace link resolves to the workspace's own dir.
      const found = findPackage(name, real.startsWith(installDir) ? real : packageDir, installDir);
      if (!found) continue; // an optional or peer dependency that is not installed
      reached.add(found);
      visit(found);
    }
  };
  visit(workspaceDir);
  const installed = findModuleRoots(installDir, 3).flatMap((dir) => listInstalled(dir));
  // The workspace's own link (node_modules/@scope/name → the workspace) is the start, not a dependency.
  const self = realpathSync(workspaceDir);
  const isSelf = (path: string) => existsSync(path) && realpathSync(path) === self;
  return installed.filter((path) => !reached.has(path) && !isSelf(path)).map((path) => relative(installDir, path));
}
