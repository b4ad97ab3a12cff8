// The most recent decisions, kept in a fixed ring so the admin API can answer "why did this shopper
// see the old page?" without a log search. Constant memory; writing overwrites the oldest entry.
export interface DecisionRecord {
  method: string;
  path: string;
  status: number;
  upstream: string;
  plan: string | undefined;
  route: string | undefined;
  reason: string;
  ms: number;
  failure: string | undefined;
  refused: string | undefined;
  /** The request's trace (tracing/trace-context.ts) and X-Request-Id; absent for a refusal node's parser made. */
  trace_id?: string | undefined;
  request_id?: string | undefined;
}

export interface DecisionLog {
  /** `at` in epoch milliseconds; formatted only when the admin API lists it. */
  push(record: DecisionRecord, at: number): void;
  /** Newest first. */
  list(limit?: number): Array<DecisionRecord & { time: string }>;
}

export function createDecisionLog(capacity: number): DecisionLog {
  const ring: Array<DecisionRecord | undefined> = new Array(capacity);
  const times = new Float64Array(capacity);
  let next = 0;
  let count = 0;
  return {
    push(record, at) {
      ring[next] = record;
      times[next] = at;
      next = (next + 1) % capacity;
      if (count < capacity) count += 1;
    },
    list(limit = capacity) {
      const out: Array<DecisionRecord & { time: string }> = [];
      for (let i = 1; i <= Math.min(count, limit); i++) {
        const at = (next - i + capacity) % capacity;
        out.push({ time: new Date(times[at]!).toISOString(), ...ring[at]! });
      }
      return out;
    },
  };
}
