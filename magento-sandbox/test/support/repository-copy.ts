/**
 * A copy of the repository as a fresh clone would have it (every tracked or new, non-ignored file;
 * no node_modules, .git, .next or test artifacts), with node_modules linked back to the installed
 * ones so nothing needs installing. Workspace links (node_modules/@strangler/*) are recreated to
 * point into the copy, so the copy never runs the original tree's code.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

/** Repository-relative paths of the tracked files and the new ones git does not ignore, as a clone would get them after a commit. */
export function listRepositoryFiles(root: string): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return out.split("\0").filter((path) => path !== "" && existsSync(join(root, path)));
}

export function copyRepository(root: string, target: string): void {
  for (const path of listRepositoryFiles(root)) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    cpSync(join(root, path), join(target, path));
  }
  linkNodeModules(join(root, "node_modules"), join(target, "node_modules"));
  // A workspace's own node_modules (a version apart from the root's), nested ones (services/search) too.
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces?: string[] };
  for (const workspace of workspaces) {
    const own = join(root, workspace, "node_modules");
    if (existsSync(own) && existsSync(join(target, workspace))) symlinkSync(own, join(target, workspace, "node_modules"));
  }
}

/** node_modules/<package> → the installed package; a link into the repository (a workspace) keeps its relative target. */
function linkNodeModules(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const stat = lstatSync(source);
    if (name.startsWith("@") && stat.isDirectory()) {
      linkNodeModules(source, join(to, name));
      continue;
    }
    const link = stat.isSymbolicLink() ? readlinkSync(source) : undefined;
    const intoRepository = link !== undefined && !isAbsolute(link) && !resolve(from, link).includes("/node_modules/");
    symlinkSync(intoRepository ? link : source, join(to, name));
  }
}
