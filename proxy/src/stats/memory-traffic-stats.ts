// TrafficStats in this process's memory: a bounded ring of minutes (RETENTION, default 3 hours). One
// worker's view only; with several WORKERS or proxy instances, set REDIS_URL (redis-traffic-stats.ts).
import { MINUTE_MS, MinuteTable, addCartAttempt, addSample } from "./minute-table.ts";
import type { Side, SideCounts, TrafficStats } from "./traffic-stats.ts";

export interface MemoryTrafficStatsOptions {
  /** Optional. Minutes kept; older ones are dropped as new minutes start. Default 180. */
  retentionMinutes?: number;
  /** Optional. Milliseconds clock; default Date.now. */
  now?: () => number;
}

export function createMemoryTrafficStats(options: MemoryTrafficStatsOptions = {}): TrafficStats {
  const now = options.now ?? Date.now;
  const retentionMs = (options.retentionMinutes ?? 180) * MINUTE_MS;
  const table = new MinuteTable();
  let lastPrunedMinute = 0;

  // Pruning runs once a minute, on the first record of a new minute: the ring stays bounded for free.
  function countsFor(plan: string, side: Side): SideCounts {
    const at = now();
    if (at - lastPrunedMinute >= MINUTE_MS) {
      lastPrunedMinute = at - (at % MINUTE_MS);
      table.dropBefore(lastPrunedMinute - retentionMs + MINUTE_MS);
    }
    return table.side(plan, side, at);
  }

  return {
    record(sample) {
      addSample(countsFor(sample.plan, sample.side), sample);
    },
    recordAddToCart(plan, side, succeeded) {
      addCartAttempt(countsFor(plan, side), succeeded);
    },
    async minutes(plan, fromMs, toMs) {
      return table.select(plan, Math.max(fromMs, now() - retentionMs), toMs);
    },
    async close() {},
  };
}
