/**
 * Issue 2's workspace points, checked where they live: the root package and configs, `.ci/`
 * (run with stand-in node/npm/redis commands, so its decisions are observed, not read) and the
 * README's commands.
 */
import { execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createGraphQlClient } from "../support/graphql-client.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path: string) => readFileSync(join(root, path), "utf8");
const json = (path: string) => JSON.parse(read(path)) as { workspaces?: string[]; engines?: { node?: string }; type?: string; scripts?: Record<string, string> };
const WORKSPACES = ["migration-plans", "magento-sandbox", "adapters", "proxy", "new-frontend", "services/search", "deploy"];

describe("the npm workspace", () => {
  it("declares every workspace, ES modules and Node >= 22.19 (runs .ts directly; undici 8 needs 22.19)", () => {
    const pkg = json("package.json");
    expect([...(pkg.workspaces ?? [])].sort()).toEqual([...WORKSPACES].sort());
    expect(pkg.type).toBe("module");
    expect(pkg.engines?.node).toBe(">=22.19");
  });

  it("runs type checking, lint and every vitest project from `npm test`, failing on the first failure", () => {
    const scripts = json("package.json").scripts ?? {};
    expect(scripts.test).toBe("npm run typecheck && npm run lint && vitest run");
    expect(scripts.typecheck).toBe("npm run typecheck --workspaces --if-present");
    expect(scripts.lint).toBe("eslint .");
    // Every workspace is a project (a workspace may add more, e.g. adapters' Redis Cluster run).
    const projects = /projects: \[([^\]]*)\]/.exec(read("vitest.config.ts"))?.[1] ?? "";
    for (const workspace of WORKSPACES) expect(projects).toContain(`"${workspace}"`);
    expect(read("eslint.config.js")).toMatch(/from "typescript-eslint"[\s\S]*tseslint\.configs\.recommended/);
  });

  it.each(WORKSPACES)("type-checks %s strictly from the shared base config", (workspace) => {
    // `--if-present` would silently skip a workspace without its own typecheck script.
    expect(json(`${workspace}/package.json`).scripts?.typecheck).toBe("tsc -p .");
    // Nested workspaces (services/search) reach the base one directory further up.
    expect(read(`${workspace}/tsconfig.json`)).toContain(`"extends": "${"../".repeat(workspace.split("/").length)}tsconfig.base.json"`);
  });

  it("shares one strict base config", () => {
    const base = JSON.parse(read("tsconfig.base.json")) as { compilerOptions: Record<string, unknown> };
    expect(base.compilerOptions).toMatchObject({ strict: true, module: "NodeNext", verbatimModuleSyntax: true, erasableSyntaxOnly: true, noUncheckedIndexedAccess: true });
  });
});

describe(".ci", () => {
  it("runs the machine setup and then `npm test`", () => {
    expect(read(".ci/run")).toMatch(/set -euo pipefail[\s\S]*bash \.ci\/setup[\s\S]*npm test\s*$/);
  });

  async function runSetupWith(nodeVersion: string): Promise<{ stdout: string; npmCalls: string[] }> {
    const fakes = mkdtempSync(join(tmpdir(), "ci-setup-"));
    const log = join(fakes, "calls.log");
    const fake = (name: string, body: string) => {
      writeFileSync(join(fakes, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`);
      chmodSync(join(fakes, name), 0o755);
    };
    fake("node", `echo "${nodeVersion}"`);
    fake("npm", 'echo "10.0.0"');
    for (const name of ["redis-server", "redis-cli", "pg_isready", "pg_ctlcluster", "apt-get", "wrk", "kubectl"]) fake(name, "exit 0");
    writeFileSync(log, "");
    const { stdout } = await promisify(execFile)("bash", [join(root, ".ci/setup")], {
      env: { PATH: `${fakes}:/usr/bin:/bin`, CI: "true", HOME: fakes },
    });
    return { stdout, npmCalls: readFileSync(log, "utf8").split("\n").filter((l) => l.startsWith("npm ")) };
  }

  it.each(["v18.19.0", "v20.20.2", "v22.18.0"])("installs Node 24 from the npm registry when Node is %s (older than 22.19), and runs npm ci on CI", async (version) => {
    const { stdout, npmCalls } = await runSetupWith(version);
    expect(stdout).toContain(`node ${version} is too old, installing node@24 from the npm registry`);
    expect(npmCalls).toContain("npm i -g --force node@24");
    expect(npmCalls).toContain("npm ci --no-audit --no-fund");
  });

  it.each(["v22.19.0", "v24.21.0"])("keeps Node %s, which runs .ts directly", async (version) => {
    const { stdout, npmCalls } = await runSetupWith(version);
    expect(stdout).not.toContain("too old");
    expect(npmCalls).not.toContain("npm i -g --force node@24");
    expect(npmCalls).toContain("npm ci --no-audit --no-fund");
  });
});

describe("`npm run sandbox`", () => {
  it("starts the sandbox on the configured port, answers GraphQL, and stops on SIGTERM", async () => {
    const child = spawn("npm", ["run", "--silent", "sandbox"], { cwd: root, env: { ...process.env, SANDBOX_PORT: "0" }, stdio: ["ignore", "pipe", "inherit"], detached: true });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Magento sandbox \(2\.4\.8, Luma sample data\) at (http:\/\/127\.0\.0\.1:\d+)\/ — \d+ products/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`npm run sandbox exited with ${code}: ${out}`)));
      });
      const { body } = await createGraphQlClient(url).get("{ storeConfig { store_code } }");
      expect(body).toEqual({ data: { storeConfig: { store_code: "default" } } });
    } finally {
      // npm runs the server through `sh -c`: signal the whole process group, as a terminal's Ctrl-C does.
      const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
      process.kill(-child.pid!, "SIGTERM");
      expect([0, "SIGTERM"]).toContain(await exited);
    }
  });
});

describe("README", () => {
  it("says what the project is and gives the two fresh-machine commands and `npm run sandbox`", () => {
    const readme = read("README.md");
    expect(readme).toMatch(/^# Strangler\n/);
    expect(readme).toContain("bash .ci/setup && npm start");
    expect(readme).toContain("bash .ci/setup && npm test");
    expect(readme).toContain("## How the pieces fit");
    expect(readme).toMatch(/`npm run sandbox`.*8081/);
    expect(json("package.json").scripts?.sandbox).toBe("npm run start -w magento-sandbox");
    expect(json("magento-sandbox/package.json").scripts?.start).toBe("node src/main.ts");
  });
});
