// The rollout controller's errors: a stable code and the cause, as every package's errors.ts.
export class RolloutError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Someone else changed the ramp between the read and the write; re-read and decide again. */
export class RampConflictError extends RolloutError {
  constructor(plan: string, expected: number) {
    super("RAMP_CONFLICT", `the ramp of ${plan} changed since version ${expected}; nothing was written`);
  }
}

export class UnknownRampError extends RolloutError {
  constructor(plan: string, known: readonly string[]) {
    super("UNKNOWN_RAMP", `plan "${plan}" has no rollout.steps${known.length ? `; plans with a ramp: ${known.join(", ")}` : "; no plan has rollout.steps"}`);
  }
}
