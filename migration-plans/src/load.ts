// Reads every *.yaml / *.yml plan in a directory (sorted by name), checks shape per file, then meaning
// across files, and returns either all plans or every problem found, sorted by file and position.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describeIssues } from "./describe-issues.ts";
import { normalizePlan } from "./normalize.ts";
import { parsePlanFile } from "./parse.ts";
import { planSchema } from "./schema.ts";
import type { LoadOptions, LoadResult, PlanProblem } from "./types.ts";
import { checkLoosely } from "./check-loosely.ts";
import { validatePlans } from "./validate.ts";
import type { LocatedPlan } from "./validate.ts";

const PLAN_FILE = /\.ya?ml$/;

export async function loadPlans(dir: string, options: LoadOptions): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      // Symlinks too: a Kubernetes ConfigMap mounts each file as a link into a `..data` directory.
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && PLAN_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    return { ok: false, problems: [readProblem(dir, error, "check PLANS_DIR points at the directory that holds the plan files")] };
  }
  const files = await Promise.all(names.map((name) => readPlanText(join(dir, name))));
  return checkPlanTexts(files, options);
}

/** The pure part of loading, also useful to tests and tools that hold plan texts in memory. */
export function checkPlanTexts(files: readonly ({ file: string; text: string } | PlanProblem)[], options: LoadOptions): LoadResult {
  const problems: PlanProblem[] = [];
  const located: LocatedPlan[] = [];
  for (const entry of files) {
    if (!("text" in entry)) {
      problems.push(entry);
      continue;
    }
    const parsed = parsePlanFile(entry.file, entry.text);
    problems.push(...parsed.problems);
    if (parsed.problems.length > 0) continue;
    const shape = planSchema.safeParse(parsed.data, { reportInput: true });
    if (!shape.success) {
      const id = (parsed.data as { id?: unknown } | null)?.id;
      const planId = typeof id === "string" ? id : undefined;
      problems.push(...describeIssues(entry.file, shape.error.issues, parsed.locate, planId));
      problems.push(...checkLoosely(parsed.data, entry.file, parsed.locate, options.knownTargets, planId));
      continue;
    }
    const { plan, problems: planProblems } = normalizePlan(shape.data, entry.file, parsed.locate);
    problems.push(...planProblems);
    located.push({ plan, locate: parsed.locate, hasFlag: shape.data.flag !== undefined });
  }
  problems.push(...validatePlans(located, options.knownTargets));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  const plans = located.map(({ plan }) => plan);
  return { ok: true, plans: plans.filter((plan) => plan.enabled), disabled: plans.filter((plan) => !plan.enabled) };
}

async function readPlanText(file: string): Promise<{ file: string; text: string } | PlanProblem> {
  try {
    return { file, text: await readFile(file, "utf8") };
  } catch (error) {
    return readProblem(file, error, "check the file exists and is readable; it may have been removed while loading");
  }
}

function readProblem(file: string, error: unknown, fix: string): PlanProblem {
  return { file, line: 1, column: 1, code: "read-error", message: `cannot read ${file}: ${(error as Error).message}`, fix };
}

function sortProblems(problems: PlanProblem[]): PlanProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
