import { mkdir, mkdtemp, rename, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlansDirectoryError } from "../src/errors.ts";
import type { LoadResult } from "../src/types.ts";
import { watchPlans } from "../src/watch.ts";
import type { PlansWatcher } from "../src/watch.ts";
import { KNOWN_TARGETS, planText, waitFor } from "./helpers.ts";

describe("watchPlans", () => {
  let dir: string;
  let watcher: PlansWatcher;
  const results: LoadResult[] = [];
  const ids = (result: LoadResult | undefined) => (result?.ok ? result.plans.map((plan) => plan.id) : undefined);
  /** Waits for a result delivered after `since` that satisfies `check`. */
  const waitForResult = (since: number, check: (result: LoadResult) => boolean) =>
    waitFor(() => results.slice(since).find(check));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "plans-watch-"));
    await writeFile(join(dir, "a.yaml"), planText("a", "match: [{ path: /a }]\n"));
    watcher = watchPlans(dir, { knownTargets: KNOWN_TARGETS, debounceMs: 30 }, (result) => results.push(result));
  });
  afterAll(async () => {
    await watcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("fires when a plan is added", async () => {
    const since = results.length;
    await writeFile(join(dir, "b.yml"), planText("b", "match: [{ path: /b }]\n"));
    expect(ids(await waitForResult(since, (r) => ids(r)?.length === 2))).toEqual(["a", "b"]);
  });

  it("fires when a plan is edited", async () => {
    const since = results.length;
    await writeFile(join(dir, "b.yml"), planText("b", "match: [{ path: /b }]\nrollout: { percentage: 40 }\n"));
    const result = await waitForResult(since, (r) => r.ok && r.plans[1]?.rollout.percentage === 40);
    expect(result.ok && result.plans[1]?.rollout).toEqual({ percentage: 40, stickiness: "sessionId" });
  });

  it("fires when an editor saves through a temp file and a rename", async () => {
    const since = results.length;
    const temp = join(dir, ".b.yml.tmp-123");
    await writeFile(temp, planText("b", "match: [{ path: /b }]\nrollout: { percentage: 60 }\n"));
    await rename(temp, join(dir, "b.yml"));
    const result = await waitForResult(since, (r) => r.ok && r.plans[1]?.rollout.percentage === 60);
    expect(result.ok && result.plans.map((plan) => plan.rollout.percentage)).toEqual([0, 60]);
  });

  it("reports the problems of a broken edit, with file and line", async () => {
    const since = results.length;
    await writeFile(join(dir, "b.yml"), planText("b", "match: [{ path: /b }]\nrollout: { percentage: 400 }\n"));
    const result = await waitForResult(since, (r) => !r.ok);
    expect(result.ok ? [] : result.problems.map((p) => [p.file, p.line, p.column, p.code])).toEqual([[join(dir, "b.yml"), 4, 24, "invalid-rollout"]]);
  });

  it("fires when a plan is deleted", async () => {
    const since = results.length;
    await unlink(join(dir, "b.yml"));
    expect(ids(await waitForResult(since, (r) => ids(r)?.length === 1))).toEqual(["a"]);
  });

  it("ignores files that are not plans", async () => {
    const since = results.length;
    await writeFile(join(dir, "notes.txt"), "hello");
    await writeFile(join(dir, "c.yaml~"), "backup: ignored");
    // A short quiet wait (5x the debounce) is the only way to see that nothing happened.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(results.length).toBe(since);
    await writeFile(join(dir, "c.yaml"), planText("c", "match: [{ path: /c }]\n"));
    expect(ids(await waitForResult(since, (r) => ids(r)?.length === 2))).toEqual(["a", "c"]);
  });

  it("stops calling back after close", async () => {
    const own: LoadResult[] = [];
    const second = watchPlans(dir, { knownTargets: KNOWN_TARGETS, debounceMs: 10 }, (result) => own.push(result));
    await second.close();
    const since = results.length;
    await writeFile(join(dir, "d.yaml"), planText("d", "match: [{ path: /d }]\n"));
    await waitForResult(since, (r) => ids(r)?.length === 3);
    expect(own).toEqual([]);
  });

  it("keeps watching after onChange throws, handing the error to onError", async () => {
    const errors: unknown[] = [];
    const own: LoadResult[] = [];
    const throwing = watchPlans(dir, { knownTargets: KNOWN_TARGETS, debounceMs: 10, onError: (error) => errors.push(error) }, (result) => {
      own.push(result);
      if (own.length === 1) throw new Error("consumer bug");
    });
    try {
      await writeFile(join(dir, "e.yaml"), planText("e", "match: [{ path: /e }]\n"));
      await waitFor(() => (errors.length === 1 ? true : undefined));
      await writeFile(join(dir, "e.yaml"), planText("e", "match: [{ path: /e2 }]\n"));
      await waitFor(() => (own.length >= 2 ? true : undefined));
      expect(String(errors[0])).toBe("Error: consumer bug");
    } finally {
      await throwing.close();
    }
  });

  it("rejects a directory that does not exist", () => {
    expect(() => watchPlans(join(dir, "missing"), { knownTargets: KNOWN_TARGETS }, () => {})).toThrow(PlansDirectoryError);
  });
});

describe("watchPlans on a Kubernetes ConfigMap mount", () => {
  it("reloads when the ..data link is swapped, reading plans through their symlinks", async () => {
    const dir = await mkdtemp(join(tmpdir(), "plans-configmap-"));
    const writeVersion = async (version: string, percentage: number) => {
      await mkdir(join(dir, version));
      await writeFile(join(dir, version, "a.yaml"), planText("a", `match: [{ path: /a }]\nrollout: { percentage: ${percentage} }\n`));
      await symlink(version, join(dir, "..data_tmp"));
      await rename(join(dir, "..data_tmp"), join(dir, "..data"));
    };
    await writeVersion("..v1", 10);
    await symlink(join("..data", "a.yaml"), join(dir, "a.yaml"));
    const results: LoadResult[] = [];
    const watcher = watchPlans(dir, { knownTargets: KNOWN_TARGETS, debounceMs: 30 }, (result) => results.push(result));
    try {
      await writeVersion("..v2", 70);
      const result = await waitFor(() => results.find((r) => r.ok && r.plans[0]?.rollout.percentage === 70));
      expect(result.ok && result.plans.map((plan) => plan.id)).toEqual(["a"]);
    } finally {
      await watcher.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("watchPlans when the plans directory itself is replaced", () => {
  let root: string;
  let watcher: PlansWatcher | undefined;
  let results: LoadResult[];
  const percentages = (result: LoadResult | undefined) => (result?.ok ? result.plans.map((plan) => `${plan.id}:${plan.rollout.percentage}`) : undefined);
  const writePlan = (dir: string, id: string, percentage: number) =>
    writeFile(join(dir, `${id}.yaml`), planText(id, `match: [{ path: /${id} }]\nrollout: { percentage: ${percentage} }\n`));
  /** Waits for a result delivered after `since` whose plans read exactly `expected`. */
  const waitForPlans = (since: number, expected: string[]) =>
    waitFor(() => results.slice(since).find((r) => JSON.stringify(percentages(r)) === JSON.stringify(expected)));
  const start = (dir: string, identityCheckMs?: number) => {
    watcher = watchPlans(dir, { knownTargets: KNOWN_TARGETS, debounceMs: 30, ...(identityCheckMs ? { identityCheckMs } : {}) }, (result) => results.push(result));
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "plans-replaced-"));
    results = [];
  });
  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it("follows rm -rf + mkdir: reports the missing directory, then reads and watches the new one", async () => {
    const dir = join(root, "plans");
    await mkdir(dir);
    await writePlan(dir, "a", 10);
    start(dir);
    await rm(dir, { recursive: true });
    const missing = await waitFor(() => results.find((r) => !r.ok));
    expect(missing.ok ? [] : missing.problems.map((p) => [p.file, p.code])).toEqual([[dir, "read-error"]]);
    let since = results.length;
    await mkdir(dir);
    await writePlan(dir, "b", 20);
    await waitForPlans(since, ["b:20"]);
    since = results.length;
    await writePlan(dir, "b", 30);
    await waitForPlans(since, ["b:30"]);
  });

  it("follows a new directory mv'ed into place, and watches it afterwards", async () => {
    const dir = join(root, "plans");
    await mkdir(dir);
    await writePlan(dir, "a", 10);
    await mkdir(join(root, "plans.new"));
    await writePlan(join(root, "plans.new"), "a", 50);
    start(dir);
    let since = results.length;
    await rename(dir, join(root, "plans.old"));
    await rename(join(root, "plans.new"), dir);
    await waitForPlans(since, ["a:50"]);
    since = results.length;
    await writePlan(dir, "c", 5);
    await waitForPlans(since, ["a:50", "c:5"]);
  });

  it("follows a ConfigMap-style swap of the directory symlink (plans -> ..data_1 renamed over to ..data_2)", async () => {
    for (const [version, percentage] of [["..data_1", 10], ["..data_2", 70]] as const) {
      await mkdir(join(root, version));
      await writePlan(join(root, version), "a", percentage);
    }
    const dir = join(root, "plans");
    await symlink("..data_1", dir);
    start(dir);
    let since = results.length;
    await symlink("..data_2", join(root, "plans_tmp"));
    await rename(join(root, "plans_tmp"), dir);
    await waitForPlans(since, ["a:70"]);
    since = results.length;
    await writePlan(join(root, "..data_2"), "a", 80);
    await waitForPlans(since, ["a:80"]);
  });

  it("follows a symlink swapped higher up the path, through the periodic identity check", async () => {
    for (const [version, percentage] of [["v1", 10], ["v2", 40]] as const) {
      await mkdir(join(root, version, "plans"), { recursive: true });
      await writePlan(join(root, version, "plans"), "a", percentage);
    }
    await symlink("v1", join(root, "current"));
    const dir = join(root, "current", "plans");
    start(dir, 50);
    let since = results.length;
    await symlink("v2", join(root, "current_tmp"));
    await rename(join(root, "current_tmp"), join(root, "current"));
    await waitForPlans(since, ["a:40"]);
    since = results.length;
    await writePlan(join(root, "v2", "plans"), "a", 45);
    await waitForPlans(since, ["a:45"]);
  });
});
