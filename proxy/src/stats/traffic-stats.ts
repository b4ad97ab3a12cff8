// The contract for per-minute traffic aggregates per plan and side: what the dashboard charts and the
// rollout controller judges a ramp on, with no Prometheus. Kept small on purpose: counts that add up
// across workers and proxy instances (a Redis-backed store sums them), never averages or quantiles.

/** "new" is the plan's target (the new frontend, a service); "legacy" is the plan's fallback. */
export type Side = "legacy" | "new";

/** Upper bounds of the latency buckets, in milliseconds; a last bucket counts everything slower. */
export const LATENCY_BOUNDS_MS: readonly number[] = Object.freeze([1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000]);

export interface SideCounts {
  requests: number;
  /** Answers with status 500 or above, plus new-side failures replayed to the fallback. */
  errors: number;
  fallbacks: number;
  /** LATENCY_BOUNDS_MS.length + 1 counts. */
  latency: number[];
  /** POST /checkout/cart/add and GraphQL addProductsToCart, by shoppers the plan puts on this side. */
  addToCartAttempts: number;
  addToCartSuccesses: number;
}

export interface PlanMinute {
  plan: string;
  /** Epoch milliseconds at the start of the minute. */
  minute: number;
  legacy: SideCounts;
  new: SideCounts;
}

/** One finished shop request that matched a plan. */
export interface TrafficSample {
  plan: string;
  side: Side;
  status: number;
  durationMs: number;
  /** The new side failed and the fallback answered: counts as an error of the new side. */
  replayed: boolean;
}

export interface TrafficStats {
  /** The hot path: synchronous, no I/O, folded into the current minute. */
  record(sample: TrafficSample): void;
  recordAddToCart(plan: string, side: Side, succeeded: boolean): void;
  /** Minutes in [fromMs, toMs), summed over every worker and proxy instance sharing the store, oldest first. */
  minutes(plan: string | undefined, fromMs: number, toMs: number): Promise<PlanMinute[]>;
  close(): Promise<void>;
}
