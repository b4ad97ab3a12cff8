// The build context every image is built from: the repository root, less what .dockerignore excludes
// (matched by @balena/dockerignore, which follows Docker's own rules).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import dockerignore from "@balena/dockerignore";

// A CommonJS module: its types describe `module.exports.default`, which it also sets.
const ignore = dockerignore.default;

function readRules(repo: string): string[] {
  return readFileSync(join(repo, ".dockerignore"), "utf8").split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}

/** `(path relative to the repository) → whether Docker sends it`; the root itself ("") is always in. */
export function createContextFilter(repo: string): (path: string) => boolean {
  const rules = ignore().add(readRules(repo));
  return (path) => path === "" || !rules.ignores(path);
}

export interface ContextSize { files: number; bytes: number }

/**
 * Files and bytes Docker would send. An excluded directory is not walked, which is right while no rule
 * re-includes anything below it (a `!` rule): then every directory is walked.
 */
export function measureContext(repo: string): ContextSize {
  const inContext = createContextFilter(repo);
  const prune = !readRules(repo).some((rule) => rule.startsWith("!"));
  const size: ContextSize = { files: 0, bytes: 0 };
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(join(repo, relativeDir), { withFileTypes: true })) {
      const path = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      const included = inContext(path);
      if (entry.isDirectory()) {
        if (included || !prune) walk(path);
      } else if (included) {
        size.files += 1;
        size.bytes += statSync(join(repo, path)).size;
      }
    }
  };
  walk("");
  return size;
}
