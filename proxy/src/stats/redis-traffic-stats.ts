// TrafficStats summed across WORKERS and proxy instances in Redis. record() stays synchronous and
// in memory; every FLUSH_MS the pending counts go out as HINCRBY on one hash per minute and plan (plus a
// set of the minute's plans), each with a TTL a little past the retention. A failed flush keeps its
// counts for the next one (bounded by the retention), so a Redis blip loses nothing but freshness.
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { LATENCY_BOUNDS_MS } from "./traffic-stats.ts";
import type { PlanMinute, Side, SideCounts, TrafficStats } from "./traffic-stats.ts";
import { MINUTE_MS, MinuteTable, addCartAttempt, addSample, byMinuteThenPlan, emptyPlanMinute } from "./minute-table.ts";

export interface RedisTrafficStatsOptions {
  /** Required. A connection this store borrows (the caller closes it). */
  redis: Redis;
  /** Optional. Key prefix, default "strangler:stats:". */
  keyPrefix?: string;
  /** Optional. Minutes kept (the keys' TTL follows), default 180. */
  retentionMinutes?: number;
  /** Optional. Milliseconds between flushes, default 1000. */
  flushMs?: number;
  now?: () => number;
  logger?: Logger;
}

const SIDE_KEYS: Record<Side, string> = { legacy: "l", new: "n" };
const BUCKETS = LATENCY_BOUNDS_MS.length + 1;

/** Hash fields of one side's counts, only the non-zero ones (an idle side costs nothing). */
function toFields(side: Side, counts: SideCounts): Array<[string, number]> {
  const key = SIDE_KEYS[side];
  const fields: Array<[string, number]> = [
    [`${key}.r`, counts.requests], [`${key}.e`, counts.errors], [`${key}.f`, counts.fallbacks],
    [`${key}.ca`, counts.addToCartAttempts], [`${key}.cs`, counts.addToCartSuccesses],
  ];
  counts.latency.forEach((value, index) => fields.push([`${key}.b${index}`, value]));
  return fields.filter(([, value]) => value !== 0);
}

function readSide(hash: Record<string, string>, side: Side, into: SideCounts): void {
  const key = SIDE_KEYS[side];
  const read = (field: string) => Number(hash[`${key}.${field}`] ?? 0);
  into.requests = read("r");
  into.errors = read("e");
  into.fallbacks = read("f");
  into.addToCartAttempts = read("ca");
  into.addToCartSuccesses = read("cs");
  for (let i = 0; i < BUCKETS; i++) into.latency[i] = read(`b${i}`);
}

export function createRedisTrafficStats(options: RedisTrafficStatsOptions): TrafficStats & { flush(): Promise<void> } {
  const { redis, logger } = options;
  const now = options.now ?? Date.now;
  const prefix = options.keyPrefix ?? "strangler:stats:";
  const retentionMs = (options.retentionMinutes ?? 180) * MINUTE_MS;
  const ttlSeconds = Math.ceil(retentionMs / 1000) + 300;
  const pending = new MinuteTable();
  const planSetKey = (minute: number) => `${prefix}plans:${minute}`;
  const countsKey = (minute: number, plan: string) => `${prefix}m:${minute}:${plan}`;
  let flushing: Promise<void> | undefined;
  let failing = false;

  async function writeOut(): Promise<void> {
    pending.dropBefore(now() - retentionMs);
    // Not connected: the counts wait here (bounded by the retention) rather than fail command by command.
    if (redis.status !== "ready") {
      if (!failing && pending.rows.size > 0) logger?.warn({ status: redis.status }, "traffic stats cannot reach Redis; keeping counts for the next flush");
      failing = pending.rows.size > 0 || failing;
      return;
    }
    const rows = pending.drain();
    if (rows.size === 0) return;
    const pipeline = redis.pipeline();
    for (const [minute, row] of rows) {
      for (const counts of row.values()) {
        const key = countsKey(minute, counts.plan);
        for (const [field, value] of [...toFields("legacy", counts.legacy), ...toFields("new", counts.new)]) pipeline.hincrby(key, field, value);
        pipeline.expire(key, ttlSeconds);
      }
      pipeline.sadd(planSetKey(minute), ...row.keys());
      pipeline.expire(planSetKey(minute), ttlSeconds);
    }
    let results: Array<[Error | null, unknown]> | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      // Refused as a whole: nothing was written, so keep the counts.
      pending.merge(rows);
      if (!failing) logger?.warn({ err: error }, "traffic stats could not reach Redis; keeping counts for the next flush");
      failing = true;
      return;
    }
    // A command that failed inside a sent pipeline may sit next to ones that counted: retrying would count
    // those twice, so the minute loses these counts instead, and says so.
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (failed) logger?.warn({ err: failed }, "traffic stats flush partly failed; some counts of this second are lost");
    else if (failing) logger?.info("traffic stats reach Redis again");
    failing = false;
  }

  function flush(): Promise<void> {
    flushing ??= writeOut().finally(() => { flushing = undefined; });
    return flushing;
  }

  const timer = setInterval(() => { void flush(); }, options.flushMs ?? 1_000);
  timer.unref();

  return {
    record(sample) { addSample(pending.side(sample.plan, sample.side, now()), sample); },
    recordAddToCart(plan, side, succeeded) { addCartAttempt(pending.side(plan, side, now()), succeeded); },
    flush,
    async minutes(plan, fromMs, toMs) {
      await flush();
      const first = Math.ceil(Math.max(fromMs, now() - retentionMs) / MINUTE_MS) * MINUTE_MS;
      const minutes: number[] = [];
      for (let minute = first; minute < toMs; minute += MINUTE_MS) minutes.push(minute);
      if (minutes.length === 0) return [];
      const plansPerMinute = plan === undefined
        ? await Promise.all(minutes.map((minute) => redis.smembers(planSetKey(minute))))
        : minutes.map(() => [plan]);
      const wanted = minutes.flatMap((minute, index) => plansPerMinute[index]!.map((name) => ({ minute, plan: name })));
      const hashes = await Promise.all(wanted.map(({ minute, plan: name }) => redis.hgetall(countsKey(minute, name))));
      const out: PlanMinute[] = [];
      hashes.forEach((hash, index) => {
        if (Object.keys(hash).length === 0) return;
        const row = emptyPlanMinute(wanted[index]!.plan, wanted[index]!.minute);
        readSide(hash, "legacy", row.legacy);
        readSide(hash, "new", row.new);
        out.push(row);
      });
      return out.sort(byMinuteThenPlan);
    },
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
