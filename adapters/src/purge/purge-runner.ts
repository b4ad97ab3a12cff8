// Runs one purge within its budget and always tells the frontend (onPurged), even when the purge was
// partial or failed: its pages must be re-rendered either way, and its own revalidation drops its
// own entries. A purge that did not complete is retried in the background, after each of
// `retryDelaysMs`, and the frontend is told again once it completes, so pages re-rendered from an
// entry the first pass had not reached yet are refreshed too.
import type { PurgeScope } from "../adapters.ts";
import type { PurgeOutcome } from "../cache/cache-store.ts";
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";

export interface PurgeTarget {
  purgeWithin(scope: PurgeScope, deadline: number): Promise<PurgeOutcome>;
}

export type OnPurged = (tags: string[], info: { all: boolean }) => void | Promise<void>;

export interface PurgeRunnerOptions {
  cache: PurgeTarget;
  onPurged?: OnPurged;
  budgetMs: number;
  retryDelaysMs: number[];
  logger: AdapterLogger;
  metrics: AdapterMetrics;
}

export interface PurgeAttempt {
  outcome?: PurgeOutcome;
  error?: unknown;
  /** false when onPurged threw (the frontend may not have re-rendered). */
  revalidated: boolean;
  /** Whether a background retry was scheduled (the purge was partial or failed). */
  retrying: boolean;
}

export interface PurgeRunner {
  run(scope: PurgeScope): Promise<PurgeAttempt>;
  /** Retries still waiting or running. */
  pending(): number;
  close(): void;
}

export function createPurgeRunner(options: PurgeRunnerOptions): PurgeRunner {
  const { cache, logger, metrics } = options;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  async function attempt(scope: PurgeScope): Promise<{ outcome?: PurgeOutcome; error?: unknown }> {
    try {
      return { outcome: await cache.purgeWithin(scope, Date.now() + options.budgetMs) };
    } catch (error) {
      return { error };
    }
  }

  async function notify(scope: PurgeScope): Promise<boolean> {
    try {
      await options.onPurged?.(scope.all ? [] : scope.tags, { all: scope.all });
      return true;
    } catch (error) {
      metrics.increment("adapters_purge_revalidate_errors");
      logger.warn("onPurged failed; the frontend may keep its pages until their TTL", { error: String(error) });
      return false;
    }
  }

  function retryLater(scope: PurgeScope, retry: number): boolean {
    const delay = options.retryDelaysMs[retry];
    if (closed) return false;
    if (delay === undefined) {
      metrics.increment("adapters_purge_abandoned");
      logger.warn("purge still incomplete after every retry; remaining entries stay until their TTL", { retries: retry, ...describe(scope) });
      return false;
    }
    const timer = setTimeout(() => {
      void (async () => {
        metrics.increment("adapters_purge_retries");
        const { outcome } = await attempt(scope);
        timers.delete(timer);
        if (outcome?.complete) await notify(scope);
        else retryLater(scope, retry + 1);
      })();
    }, delay);
    timer.unref();
    timers.add(timer);
    return true;
  }

  return {
    async run(scope) {
      const { outcome, error } = await attempt(scope);
      const revalidated = await notify(scope);
      if (outcome?.complete) return { outcome, revalidated, retrying: false };
      metrics.increment(error ? "adapters_purge_failed" : "adapters_purge_partial");
      return { outcome, error, revalidated, retrying: retryLater(scope, 0) };
    },
    pending: () => timers.size,
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function describe(scope: PurgeScope): Record<string, unknown> {
  return scope.all ? { all: true } : { tags: scope.tags.length };
}
