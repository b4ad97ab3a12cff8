// The most recent decisions, kept in a fixed ring so the admin API can answer "why did this shopper
// see the old page?" without a log search. Constant memory; writing overwrites the oldest entry.
export interface DecisionRecord {
  /** Epoch milliseconds; formatted only when the admin API lists it. */
  at: number;
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
}

export interface DecisionLog {
  push(record: DecisionRecord): void;
  /** Newest first. */
  list(limit?: number): DecisionRecord[];
}

export function createDecisionLog(capacity: number): DecisionLog {
  const ring: Array<DecisionRecord | undefined> = new Array(capacity);
  let next = 0;
  let count = 0;
  return {
    push(record) {
      ring[next] = record;
      next = (next + 1) % capacity;
      if (count < capacity) count += 1;
    },
    list(limit = capacity) {
      const out: DecisionRecord[] = [];
      for (let i = 1; i <= Math.min(count, limit); i++) out.push(ring[(next - i + capacity) % capacity]!);
      return out;
    },
  };
}
