// The `strangler` bin as npm links it: package.json's bin entry, run through node_modules/.bin WITHOUT
// `node` in front (so the shebang and the executable bit matter), and committed executable so a
// clean clone's `npm ci` links a runnable file.
import { execFile } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const proxyDir = join(import.meta.dirname, "../..");
const repoDir = join(proxyDir, "..");
const linked = join(repoDir, "node_modules/.bin/strangler");

describe("strangler bin", () => {
  it("is declared in package.json and linked into node_modules/.bin to proxy/bin/strangler.ts", () => {
    const manifest = JSON.parse(readFileSync(join(proxyDir, "package.json"), "utf8")) as { bin?: Record<string, string> };
    expect(manifest.bin).toEqual({ strangler: "./bin/strangler.ts" });
    expect(realpathSync(linked)).toBe(realpathSync(join(proxyDir, "bin/strangler.ts")));
  });

  it("is committed executable (mode 100755), so a fresh clone can run it", async () => {
    const { stdout } = await run("git", ["ls-files", "-s", "bin/strangler.ts"], { cwd: proxyDir });
    expect(stdout).toMatch(/^100755 [0-9a-f]{40} 0\tbin\/strangler\.ts\n$/);
  });

  it("runs by itself and rejects a missing command with the usage (exit 2)", async () => {
    const result = await run(linked, [], { env: { PATH: process.env.PATH } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^strangler: unknown command: \(none\)\nusage: strangler flags sync/);
  });
});
