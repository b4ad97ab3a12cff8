import { mkdtemp, rename, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("rejects a directory that does not exist", () => {
    expect(() => watchPlans(join(dir, "missing"), { knownTargets: KNOWN_TARGETS }, () => {})).toThrow(PlansDirectoryError);
  });
});
