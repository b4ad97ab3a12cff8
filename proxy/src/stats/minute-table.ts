// Per-minute counts per plan and side, folded in place: the one structure both stores use (the memory
// store keeps hours of it; the Redis store keeps the second or so not yet flushed). Counts only, so two
// tables (two workers, two proxies) add up field by field.
import { LATENCY_BOUNDS_MS } from "./traffic-stats.ts";
import type { PlanMinute, Side, SideCounts, TrafficSample } from "./traffic-stats.ts";

export const MINUTE_MS = 60_000;

export function startOfMinute(ms: number): number {
  return ms - (ms % MINUTE_MS);
}

export function emptySideCounts(): SideCounts {
  return { requests: 0, errors: 0, fallbacks: 0, latency: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0), addToCartAttempts: 0, addToCartSuccesses: 0 };
}

export function emptyPlanMinute(plan: string, minute: number): PlanMinute {
  return { plan, minute, legacy: emptySideCounts(), new: emptySideCounts() };
}

/** The index of the first bucket whose upper bound holds `ms`; the last index counts everything slower. */
export function latencyBucket(ms: number): number {
  let index = 0;
  while (index < LATENCY_BOUNDS_MS.length && ms > LATENCY_BOUNDS_MS[index]!) index += 1;
  return index;
}

export function addSample(counts: SideCounts, sample: TrafficSample): void {
  counts.requests += 1;
  if (sample.status >= 500 || sample.replayed) counts.errors += 1;
  if (sample.replayed) counts.fallbacks += 1;
  counts.latency[latencyBucket(sample.durationMs)]! += 1;
}

export function addCartAttempt(counts: SideCounts, succeeded: boolean): void {
  counts.addToCartAttempts += 1;
  if (succeeded) counts.addToCartSuccesses += 1;
}

export function addSideCounts(into: SideCounts, from: SideCounts): void {
  into.requests += from.requests;
  into.errors += from.errors;
  into.fallbacks += from.fallbacks;
  into.addToCartAttempts += from.addToCartAttempts;
  into.addToCartSuccesses += from.addToCartSuccesses;
  for (let i = 0; i < into.latency.length; i++) into.latency[i]! += from.latency[i] ?? 0;
}

export function clonePlanMinute(minute: PlanMinute): PlanMinute {
  const copy = emptyPlanMinute(minute.plan, minute.minute);
  addSideCounts(copy.legacy, minute.legacy);
  addSideCounts(copy.new, minute.new);
  return copy;
}

/** Minute start → plan → counts. The current minute's row is cached so record() costs two lookups at most. */
export class MinuteTable {
  readonly rows = new Map<number, Map<string, PlanMinute>>();
  #minute = -1;
  #row: Map<string, PlanMinute> | undefined = undefined;

  /** The counts of `plan`'s `side` in the minute holding `nowMs`, created on first use. */
  side(plan: string, side: Side, nowMs: number): SideCounts {
    const minute = startOfMinute(nowMs);
    if (minute !== this.#minute || this.#row === undefined) {
      this.#minute = minute;
      this.#row = this.rows.get(minute);
      if (this.#row === undefined) this.rows.set(minute, (this.#row = new Map()));
    }
    let counts = this.#row.get(plan);
    if (counts === undefined) this.#row.set(plan, (counts = emptyPlanMinute(plan, minute)));
    return counts[side];
  }

  /** Drops every minute that starts before `oldestMs`. */
  dropBefore(oldestMs: number): void {
    for (const minute of this.rows.keys()) if (minute < oldestMs) this.rows.delete(minute);
    if (this.#minute < oldestMs) { this.#minute = -1; this.#row = undefined; }
  }

  /** Copies of the minutes in [fromMs, toMs) for one plan or all, oldest first. */
  select(plan: string | undefined, fromMs: number, toMs: number): PlanMinute[] {
    const out: PlanMinute[] = [];
    for (const [minute, row] of this.rows) {
      if (minute < fromMs || minute >= toMs) continue;
      for (const counts of row.values()) if (plan === undefined || counts.plan === plan) out.push(clonePlanMinute(counts));
    }
    return out.sort(byMinuteThenPlan);
  }

  /** Hands over every row and starts empty (the Redis store's flush). */
  drain(): Map<number, Map<string, PlanMinute>> {
    const rows = new Map(this.rows);
    this.rows.clear();
    this.#minute = -1;
    this.#row = undefined;
    return rows;
  }

  /** Adds rows back (a flush that failed), summing with anything recorded meanwhile. */
  merge(rows: Map<number, Map<string, PlanMinute>>): void {
    for (const [minute, row] of rows) {
      for (const counts of row.values()) {
        addSideCounts(this.side(counts.plan, "legacy", minute), counts.legacy);
        addSideCounts(this.side(counts.plan, "new", minute), counts.new);
      }
    }
  }
}

export function byMinuteThenPlan(a: PlanMinute, b: PlanMinute): number {
  return a.minute - b.minute || (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0);
}
