// Where the parity guardrail reads its score: the shadow comparisons of a plan (new side's answer vs
// legacy's, compared field by field) in a time window. The shadow member implements it; until a plan is
// shadowed, or without any source, the parity guardrail reads "no data" and holds the ramp.
import type { ParityReading } from "./judge-guardrails.ts";

export interface ParitySource {
  /** Share of matching comparisons in [fromMs, toMs) and how many there were; undefined when there were none. */
  score(plan: string, fromMs: number, toMs: number): Promise<ParityReading | undefined>;
}
