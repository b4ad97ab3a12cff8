// Runs the real `strangler` bin as npm links it (node_modules/.bin, no `node` in front), in its own process.
import { execFile } from "node:child_process";
import { join } from "node:path";

export const repoDir = join(import.meta.dirname, "../../../..");
export const linkedBin = join(repoDir, "node_modules/.bin/strangler");

export interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Only PATH from this process's env, plus `env`: the CLI must not need anything else. */
export function runBin(args: readonly string[], env: Record<string, string> = {}, cwd = repoDir): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(linkedBin, args, { cwd, env: { PATH: process.env.PATH ?? "", ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
