// `rollout.steps`, `bakeSeconds`, `guardrails` → the Ramp the rollout controller runs. The shape is the
// schema's; this checks what one field cannot: steps that only go up, and each guardrail carrying exactly
// the bound its metric is judged on (a guardrail without a bound would never breach, silently).
import type { RawPlan } from "./schema.ts";
import type { Guardrail, GuardrailMetric, PlanProblem, Ramp } from "./types.ts";

type RawRollout = NonNullable<RawPlan["rollout"]>;
type RawGuardrail = NonNullable<RawRollout["guardrails"]>[number];
type Report = (field: PropertyKey[], problem: Pick<PlanProblem, "code" | "message" | "fix">) => void;

export const DEFAULT_BAKE_SECONDS = 600;
export const DEFAULT_EVALUATE_SECONDS = 60;
const DEFAULT_MIN_SAMPLES: Record<GuardrailMetric, number> = { "error-rate": 200, "latency-p95": 200, parity: 100, "add-to-cart": 20, prometheus: 1 };
/** With steps but no guardrails, a ramp still stops on errors: new no worse than twice legacy's rate. */
const DEFAULT_GUARDRAILS: readonly Guardrail[] = Object.freeze([{ metric: "error-rate", maxRatio: 2, minSamples: 200 }]);

type Bound = "maxRatio" | "max" | "min" | "query";
/** For each metric: the bounds it accepts, and the sets of which exactly one must be written. */
const BOUNDS: Record<GuardrailMetric, { allowed: readonly Bound[]; oneOf: readonly Bound[]; example: string }> = {
  "error-rate": { allowed: ["maxRatio", "max"], oneOf: ["maxRatio", "max"], example: "{ metric: error-rate, maxRatio: 2 }" },
  "latency-p95": { allowed: ["maxRatio"], oneOf: ["maxRatio"], example: "{ metric: latency-p95, maxRatio: 1.5 }" },
  parity: { allowed: ["min"], oneOf: ["min"], example: "{ metric: parity, min: 0.98 }" },
  "add-to-cart": { allowed: ["maxRatio", "min"], oneOf: ["maxRatio", "min"], example: "{ metric: add-to-cart, maxRatio: 2 }" },
  prometheus: { allowed: ["query", "max", "min"], oneOf: ["max", "min"], example: "{ metric: prometheus, query: 'sum(up)', min: 1 }" },
};

/** Undefined when the plan has no steps (no guarded ramp); guardrails without steps are reported. */
export function normalizeRamp(raw: RawRollout, report: Report): { ramp: Ramp } | undefined {
  if (raw.steps === undefined) {
    for (const key of ["bakeSeconds", "evaluateSeconds", "onBreach", "guardrails"] as const) {
      if (raw[key] !== undefined) report([key], { code: "invalid-rollout", message: `rollout.${key} has no effect without rollout.steps`, fix: "add steps, e.g. \"steps: [1, 5, 25, 50, 100]\", or remove it" });
    }
    return undefined;
  }
  raw.steps.forEach((step, index) => {
    if (index > 0 && step <= raw.steps![index - 1]!) {
      report(["steps", index], { code: "invalid-rollout", message: `rollout.steps must go up: ${step} follows ${raw.steps![index - 1]}`, fix: "list each percentage once, smallest first, e.g. [1, 5, 25, 50, 100]" });
    }
  });
  const guardrails = raw.guardrails === undefined ? DEFAULT_GUARDRAILS
    : raw.guardrails.map((guardrail, index) => normalizeGuardrail(guardrail, (field, problem) => report(["guardrails", index, ...field], problem)));
  return {
    ramp: {
      steps: [...raw.steps],
      bakeSeconds: raw.bakeSeconds ?? DEFAULT_BAKE_SECONDS,
      evaluateSeconds: raw.evaluateSeconds ?? DEFAULT_EVALUATE_SECONDS,
      onBreach: raw.onBreach ?? "zero",
      guardrails,
    },
  };
}

function normalizeGuardrail(raw: RawGuardrail, report: Report): Guardrail {
  const rule = BOUNDS[raw.metric];
  for (const bound of ["maxRatio", "max", "min", "query"] as const) {
    if (raw[bound] !== undefined && !rule.allowed.includes(bound)) {
      report([bound], { code: "invalid-rollout", message: `guardrail ${raw.metric} takes no ${bound}`, fix: `write it as ${rule.example}` });
    }
  }
  const written = rule.oneOf.filter((bound) => raw[bound] !== undefined);
  if (written.length !== 1) {
    const what = written.length === 0 ? "no bound" : `both ${written.join(" and ")}`;
    report([], { code: "invalid-rollout", message: `guardrail ${raw.metric} has ${what}; it needs exactly one of ${rule.oneOf.join(", ")}`, fix: `write it as ${rule.example}` });
  }
  if (raw.metric === "prometheus" && raw.query === undefined) {
    report([], { code: "invalid-rollout", message: "guardrail prometheus has no query", fix: `write it as ${rule.example}` });
  }
  const isRate = raw.metric !== "prometheus";
  for (const bound of ["max", "min"] as const) {
    const value = raw[bound];
    if (isRate && value !== undefined && (value < 0 || value > 1)) {
      report([bound], { code: "invalid-rollout", message: `guardrail ${raw.metric} ${bound} is a share from 0 to 1, got ${value}`, fix: "write a share, e.g. 0.02 for 2 %" });
    }
  }
  return {
    metric: raw.metric,
    minSamples: raw.minSamples ?? DEFAULT_MIN_SAMPLES[raw.metric],
    ...(raw.maxRatio !== undefined && { maxRatio: raw.maxRatio }),
    ...(raw.max !== undefined && { max: raw.max }),
    ...(raw.min !== undefined && { min: raw.min }),
    ...(raw.query !== undefined && { query: raw.query }),
  };
}
