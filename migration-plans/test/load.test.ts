import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblems, loadPlans, PlansInvalidError } from "../src/index.ts";
import { KNOWN_TARGETS, summarize } from "./helpers.ts";

const PLANS_DIR = join(import.meta.dirname, "..", "plans");

describe("loadPlans", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "plans-load-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads the example plans clean, given the search-service upstream they target (as npm start and deploy/ configure it)", async () => {
    const result = await loadPlans(PLANS_DIR, { knownTargets: [...KNOWN_TARGETS, "search-service"] });
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.plans.map((plan) => [plan.id, plan.target, plan.fallback, plan.rollout.percentage, plan.flag])).toEqual([
      ["catalog-search", "search-service", "legacy", 100, "strangler.catalog-search"],
      ["category-pages", "new-frontend", "legacy", 100, "strangler.category-pages"],
      ["cms-pages", "new-frontend", "legacy", 100, "strangler.cms-pages"],
      ["new-frontend-assets", "new-frontend", "legacy", 100, "strangler.new-frontend-assets"],
      ["product-pages", "new-frontend", "legacy", 100, "strangler.product-pages"],
      ["search-results", "new-frontend", "legacy", 100, "strangler.search-results"],
    ]);
    expect(result.plans.map((plan) => plan.match[0]?.pageType ?? plan.match[0]?.path?.raw)).toEqual(["/graphql", "CATEGORY", "CMS_PAGE", "/_next/**", "PRODUCT", "/catalogsearch/result/"]);
  });

  it("reports the example search plan clearly where its upstream is not configured, naming the variable to set", async () => {
    const result = await loadPlans(PLANS_DIR, { knownTargets: KNOWN_TARGETS });
    expect(result.ok).toBe(false);
    expect(summarize(result.ok ? [] : result.problems).map((line) => line.replace(`${PLANS_DIR}/`, ""))).toEqual([
      'catalog-search.yaml:11:9 unknown-target target "search-service" is not a known upstream | use one of the known upstreams: legacy, new-frontend, or configure "search-service": UPSTREAM_SEARCH_SERVICE_URL=<url> in the proxy\'s env (offline: plans validate --target search-service)',
    ]);
  });

  it("reports every problem of several broken files at once, sorted by file and line", async () => {
    const files: Record<string, string> = {
      "a.yaml": "id: a\ntarget: new-fronted\npriorty: 1\nmatch:\n  - path: gear/**\n",
      "b.yml": "id: a\ntarget: legacy\nmatch: [{ pageType: PRODUCT }]\n",
      "c.yaml": "id: c\ntarget: [legacy\n",
      "d.yaml": "id: d\ntarget: new-frontend\nmatch: [{ pageType: PRODUCT }]\nrollout: { percentage: 101 }\n",
      "notes.txt": "not a plan: ignored\n",
    };
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
    const result = await loadPlans(dir, { knownTargets: KNOWN_TARGETS });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(summarize(problems).map((line) => line.replace(`${dir}/`, ""))).toEqual([
      'a.yaml:2:9 unknown-target target "new-fronted" is not a known upstream | did you mean "new-frontend"? known upstreams: legacy, new-frontend',
      'a.yaml:3:1 unknown-key unknown key "priorty" in the plan | did you mean "priority"?',
      'a.yaml:5:11 invalid-pattern path pattern "gear/**" must start with "/" | write it as "/gear/**"',
      "c.yaml:3:1 yaml-syntax Flow sequence in block collection must be sufficiently indented and end with a ] | indent nested keys deeper than their parent, with spaces, and close every [ and {",
      "d.yaml:4:24 invalid-rollout rollout.percentage must be a whole number from 0 to 100, got 101 | use a whole number from 0 to 100",
    ]);
    expect(problems.every((problem) => problem.file.startsWith(dir))).toBe(true);
    expect(formatProblems(problems.slice(0, 1))).toBe(
      `${dir}/a.yaml:2:9  unknown-target  target "new-fronted" is not a known upstream (plan a)\n    fix: did you mean "new-frontend"? known upstreams: legacy, new-frontend`,
    );
    expect(new PlansInvalidError(problems).message).toMatch(/^5 problem\(s\) in migration plans:\n.*a\.yaml:2:9 {2}unknown-target/);
  });

  it("rejects a missing directory as a read-error", async () => {
    const missing = join(dir, "nope");
    const result = await loadPlans(missing, { knownTargets: KNOWN_TARGETS });
    expect(result).toEqual({
      ok: false,
      problems: [{
        file: missing, line: 1, column: 1, code: "read-error",
        message: `cannot read ${missing}: ENOENT: no such file or directory, scandir '${missing}'`,
        fix: "check PLANS_DIR points at the directory that holds the plan files",
      }],
    });
  });

  it("accepts an empty directory as no plans", async () => {
    const empty = await mkdtemp(join(tmpdir(), "plans-empty-"));
    expect(await loadPlans(empty, { knownTargets: KNOWN_TARGETS })).toEqual({ ok: true, plans: [], disabled: [] });
    await rm(empty, { recursive: true });
  });
});
