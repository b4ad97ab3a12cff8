// The README's walkthrough and pull-request check, run for real: every fenced `sh` block of the walkthrough
// in order, from the repository root, against the proxy its own start command starts (`npm run proxy`),
// in front of a real upstream on each side; after each command, what the README says it does is checked.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { getBucket } from "../../src/flags/index.ts";
import { findFreePort } from "../support/ports.ts";
import { waitUntil } from "../flags/support/http.ts";
import { captureIo, createShoppers, readSides } from "../flags/support/shoppers.ts";
import { startNamedUpstream } from "../flags/support/upstreams.ts";
import { readFencedBlocks, readReadmeSection, runShell, startShell, type BackgroundShell, type ShellResult } from "./support/readme.ts";

const FLAG = "strangler.quick-search";
const SETTINGS = ["LEGACY_URL", "NEW_FRONTEND_URL", "ADMIN_TOKEN", "PORT", "ADMIN_PORT", "PLANS_DIR", "FLAG_STATE_DIR"];
const shoppers = createShoppers(100, "walkthrough");
const expectedAt = (percentage: number) => shoppers.map((sessionId) => getBucket(FLAG, sessionId) <= percentage);

let workDir: string;
let env: Record<string, string>;
let proxy: BackgroundShell | undefined;
const upstreams: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "strangler-walkthrough-"));
  const [legacy, next] = [await startNamedUpstream("legacy"), await startNamedUpstream("new")];
  upstreams.push(legacy, next);
  const settings = {
    LEGACY_URL: legacy.url, NEW_FRONTEND_URL: next.url, ADMIN_TOKEN: "walkthrough-test-token-0123",
    PORT: String(await findFreePort()), ADMIN_PORT: String(await findFreePort()),
    PLANS_DIR: join(workDir, "plans"), FLAG_STATE_DIR: join(workDir, "flags"),
  };
  // Only what a reader's shell surely has, and the walkthrough's own settings.
  env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? workDir, ...settings };
});

afterAll(async () => {
  await proxy?.stop();
  await Promise.all(upstreams.map((upstream) => upstream.close()));
  await rm(workDir, { recursive: true, force: true });
});

const shopSides = () => readSides(`http://127.0.0.1:${env.PORT}`, shoppers, () => "/catalogsearch/result/?q=bag");

function expectDone(result: ShellResult, stdout: string | RegExp): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
  if (typeof stdout === "string") expect(result.stdout).toBe(stdout);
  else expect(result.stdout).toMatch(stdout);
}

async function startProxy(block: string): Promise<void> {
  proxy = startShell(block, env);
  const running = proxy;
  await waitUntil(async () => {
    if (running.exited()) throw new Error(`\`${block}\` stopped before it was ready:\n${running.output()}`);
    return fetch(`http://127.0.0.1:${env.ADMIN_PORT}/readyz`).then((response) => response.ok, () => false);
  }, 30_000, 100);
}

interface Step {
  title: string;
  command: RegExp;
  run(block: string): Promise<void>;
}

const STEPS: Step[] = [
  {
    title: "settings: exactly the variables the test replaces, and values the proxy accepts",
    command: /^export LEGACY_URL=/,
    async run(block) {
      const shown = await runShell(`${block}\nenv`, { PATH: env.PATH! });
      const values = Object.fromEntries(shown.stdout.split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
      expect(block.match(/^export \w+/gm)?.map((line) => line.slice(7))).toEqual(SETTINGS);
      expect(() => loadConfig(values)).not.toThrow();
    },
  },
  {
    title: "write the plan",
    command: /^mkdir -p "\$PLANS_DIR"\ncat > "\$PLANS_DIR\/quick-search\.yaml" <<'EOF'\n/,
    async run(block) {
      expectDone(await runShell(block, env), "");
      expect((await readdir(env.PLANS_DIR!)).sort()).toEqual(["new-frontend-assets.yaml", "quick-search.yaml"]);
    },
  },
  {
    title: "validate it",
    command: /^npx strangler plans validate$/,
    async run(block) {
      expectDone(await runShell(block, env), `2 plans OK in ${env.PLANS_DIR} (targets: legacy, new-frontend)\n`);
    },
  },
  {
    title: "start the proxy: ready, every shopper on legacy at 0 %",
    command: /^npm run proxy$/,
    async run(block) {
      await startProxy(block);
      expect(await shopSides()).toEqual(expectedAt(0));
    },
  },
  {
    title: "ramp to 10 %: exactly the shoppers in the rollout get the new side",
    command: /^npx strangler flags set quick-search 10$/,
    async run(block) {
      expectDone(await runShell(block, env), `${FLAG} (plan quick-search): share 10% (local flag)\n`);
      const sides = await shopSides();
      expect(sides).toEqual(expectedAt(10));
      expect(sides.filter(Boolean).length).toBeGreaterThan(3);
    },
  },
  {
    title: "watch: the plan at 10 %, and the latest decisions are quick-search's",
    command: /^npx strangler plans status\ncurl -s -H "Authorization: Bearer \$ADMIN_TOKEN" "http:\/\/127\.0\.0\.1:\$ADMIN_PORT\/decisions\?limit=5"$/,
    async run(block) {
      const result = await runShell(block, env);
      expectDone(result, /\nquick-search +new-frontend +\/catalogsearch\/result\/ \?q=\* +strangler\.quick-search +split +10% \(local flag\)\n/);
      const { decisions } = JSON.parse(result.stdout.split("\n").at(-1)!) as { decisions: Array<{ plan: string; path: string; upstream: string }> };
      expect(decisions).toHaveLength(5);
      for (const decision of decisions) expect(decision).toMatchObject({ plan: "quick-search", path: "/catalogsearch/result/" });
    },
  },
  {
    title: "go on to 100 %: every shopper on the new side",
    command: /^npx strangler flags set quick-search 100$/,
    async run(block) {
      expectDone(await runShell(block, env), `${FLAG} (plan quick-search): share 100% (local flag)\n`);
      expect(await shopSides()).toEqual(expectedAt(100));
    },
  },
  {
    title: "roll back: every shopper on legacy at once, and plans status says 0% (killed)",
    command: /^npx strangler flags kill quick-search$/,
    async run(block) {
      expectDone(await runShell(block, env), /^strangler\.quick-search \(plan quick-search\): killed, every request to legacy/);
      expect(await shopSides()).toEqual(expectedAt(0));
      const status = captureIo(env);
      expect(await runCli(["plans", "status"], status.io)).toBe(0);
      expect(status.out[0]).toMatch(/\nquick-search .* split +0% \(killed\)\n/);
    },
  },
  {
    title: "revive: the 100 % applies again",
    command: /^npx strangler flags revive quick-search$/,
    async run(block) {
      expectDone(await runShell(block, env), `${FLAG} (plan quick-search): share 100% (local flag)\n`);
      expect(await shopSides()).toEqual(expectedAt(100));
    },
  },
];

describe("README walkthrough", () => {
  const blocks = readFencedBlocks(readReadmeSection("Walkthrough"), "sh");

  it("has exactly the steps this test runs, in order", () => {
    expect(blocks).toHaveLength(STEPS.length);
    blocks.forEach((block, i) => expect(block, STEPS[i]!.title).toMatch(STEPS[i]!.command));
  });

  it("does what it says, command by command, against the proxy it starts", async () => {
    for (const [i, step] of STEPS.entries()) {
      try {
        await step.run(blocks[i]!);
      } catch (error) {
        throw new Error(`walkthrough step ${i} (${step.title}) failed: ${(error as Error).message}\n${proxy ? `proxy output:\n${proxy.output().slice(-1500)}` : ""}`, { cause: error });
      }
    }
  }, 120_000);
});

describe("README pull-request check", () => {
  it("runs each `strangler` command of the workflow on the repository's own plans, and they pass", async () => {
    const [workflow] = readFencedBlocks(readReadmeSection("Checking plans on pull requests"), "yaml");
    const commands = [...(workflow ?? "").matchAll(/^ *- run: (npx strangler .*)$/gm)].map((match) => match[1]!);
    // The example catalog-search plan targets the search service, which the workflow names as the proxy's env would.
    expect(commands).toEqual(["npx strangler plans validate migration-plans/plans --target search-service"]);
    for (const command of commands) {
      const result = await runShell(command, { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" });
      expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+ plans OK in migration-plans\/plans \(targets: legacy, new-frontend, search-service\)\n$/), stderr: "" });
    }
  });
});
