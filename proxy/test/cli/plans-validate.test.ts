// `strangler plans validate [DIR]`: offline (no proxy, no Unleash, no env), every problem with
// file:line:column, code and fix, exit 0 clean / 1 any problem, and --json for CI.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { captureIo } from "../flags/support/shoppers.ts";
import { runBin } from "./support/run-bin.ts";

const PRODUCT = "id: product-pages\ntarget: new-frontend\nmatch:\n  - path: /p/**\nrollout: { percentage: 20, stickiness: sessionId }\n";
const PARKED = "id: parked\nenabled: false\ntarget: legacy\nmatch:\n  - path: /parked/**\n";
const SEARCH = "id: search\ntarget: search-service\nmatch:\n  - path: /search/**\n";
const UNKNOWN_TARGET = "id: bad\ntarget: nowhere\nmatch:\n  - path: /x\n";
const BAD_ROLLOUT = "id: too-much\ntarget: new-frontend\nmatch:\n  - path: /t/**\nrollout: { percentage: 120 }\n";

let root: string;
async function plansDir(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

async function validate(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = captureIo(env);
  const code = await runCli(["plans", "validate", ...argv], io.io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "strangler-validate-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("strangler plans validate", () => {
  it("says a clean directory is OK, counting disabled plans and naming the targets it accepted (exit 0, no env)", async () => {
    const dir = await plansDir("clean", { "product-pages.yaml": PRODUCT, "parked.yml": PARKED, "notes.txt": "not a plan" });
    expect(await validate([dir])).toEqual({ code: 0, out: [`2 plans OK in ${dir}, 1 disabled (targets: legacy, new-frontend)`], err: [] });
  });

  it("prints every problem of every file with file:line:column, code and fix, then the count (exit 1)", async () => {
    const dir = await plansDir("broken", { "bad.yaml": UNKNOWN_TARGET, "good.yaml": PRODUCT, "too-much.yaml": BAD_ROLLOUT });
    const result = await validate([dir]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([]);
    expect(result.out).toEqual([
      [
        `${join(dir, "bad.yaml")}:2:9  unknown-target  target "nowhere" is not a known upstream (plan bad)`,
        '    fix: use one of the known upstreams: legacy, new-frontend, or configure "nowhere": UPSTREAM_NOWHERE_URL=<url> in the proxy\'s env (offline: plans validate --target nowhere)',
        `${join(dir, "too-much.yaml")}:5:24  invalid-rollout  rollout.percentage must be a whole number from 0 to 100, got 120 (plan too-much)`,
        "    fix: use a whole number from 0 to 100",
        `2 problems in ${dir} (targets: legacy, new-frontend)`,
      ].join("\n"),
    ]);
  });

  it("prints paths as given, so a relative DIR gives editor-clickable relative paths", async () => {
    await plansDir("relative", { "bad.yaml": UNKNOWN_TARGET });
    const result = await runBin(["plans", "validate", "relative"], {}, root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^relative\/bad\.yaml:2:9 {2}unknown-target {2}/);
  });

  it("says a missing directory is a problem, not a pass (exit 1)", async () => {
    const dir = join(root, "does-not-exist");
    const result = await validate([dir]);
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(new RegExp(`^${dir}:1:1  read-error  cannot read ${dir}: ENOENT`));
  });

  it("says an empty directory has nothing to check (exit 0)", async () => {
    const dir = await plansDir("empty", {});
    expect(await validate([dir])).toEqual({ code: 0, out: [`no plan files (*.yaml, *.yml) in ${dir}; nothing to check`], err: [] });
  });

  it("reads DIR from PLANS_DIR when not given, as the proxy does", async () => {
    const dir = await plansDir("from-env", { "product-pages.yaml": PRODUCT });
    expect(await validate([], { PLANS_DIR: dir })).toEqual({ code: 0, out: [`1 plan OK in ${dir} (targets: legacy, new-frontend)`], err: [] });
  });

  it.each([
    ["--target", ["--target", "search-service"], {}],
    ["several --target", ["--target", "other", "--target", "search-service"], {}],
    ["UPSTREAM_<NAME>_URL in the env", [], { UPSTREAM_SEARCH_SERVICE_URL: "http://search:7700" }],
  ])("accepts a target named by %s", async (_title, argv, env) => {
    const dir = await plansDir(`targets-${argv.length}-${Object.keys(env).length}`, { "search.yaml": SEARCH });
    const result = await validate([dir, ...argv], env);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(new RegExp(`^1 plan OK in ${dir} \\(targets: legacy, new-frontend, .*search-service`));
  });

  it.each([
    ["no --target and no env", {}],
    ["an empty UPSTREAM_<NAME>_URL (empty counts as unset)", { UPSTREAM_SEARCH_SERVICE_URL: "" }],
  ])("rejects a target the proxy would not know, with %s", async (_title, env) => {
    const dir = await plansDir(`unknown-${Object.keys(env).length}`, { "search.yaml": SEARCH });
    const result = await validate([dir], env);
    expect(result.code).toBe(1);
    expect(result.out[0]).toContain(`${join(dir, "search.yaml")}:2:9  unknown-target  target "search-service" is not a known upstream (plan search)`);
  });

  it("prints one JSON object with --json: the plans when clean (exit 0)", async () => {
    const dir = await plansDir("json-clean", { "product-pages.yaml": PRODUCT, "parked.yml": PARKED });
    const result = await validate([dir, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out.join("\n"))).toEqual({
      ok: true,
      dir,
      knownTargets: ["legacy", "new-frontend"],
      plans: [
        { id: "parked", file: join(dir, "parked.yml"), line: 1, enabled: false, target: "legacy", flag: "strangler.parked" },
        { id: "product-pages", file: join(dir, "product-pages.yaml"), line: 1, enabled: true, target: "new-frontend", flag: "strangler.product-pages" },
      ],
      problems: [],
    });
  });

  it("prints one JSON object with --json: every problem when broken (exit 1), from the real bin with no env", async () => {
    const dir = await plansDir("json-broken", { "bad.yaml": UNKNOWN_TARGET, "too-much.yaml": BAD_ROLLOUT });
    const result = await runBin(["plans", "validate", dir, "--json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      dir,
      knownTargets: ["legacy", "new-frontend"],
      plans: [],
      problems: [
        {
          file: join(dir, "bad.yaml"), line: 2, column: 9, planId: "bad", code: "unknown-target",
          message: 'target "nowhere" is not a known upstream',
          fix: 'use one of the known upstreams: legacy, new-frontend, or configure "nowhere": UPSTREAM_NOWHERE_URL=<url> in the proxy\'s env (offline: plans validate --target nowhere)',
        },
        {
          file: join(dir, "too-much.yaml"), line: 5, column: 24, planId: "too-much", code: "invalid-rollout",
          message: "rollout.percentage must be a whole number from 0 to 100, got 120",
          fix: "use a whole number from 0 to 100",
        },
      ],
    });
  });
});
