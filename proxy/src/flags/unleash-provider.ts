// Unleash decides. Answers come from the client's in-memory copy, so evaluate() stays synchronous:
// fresh from Unleash → "unleash"; loaded from the saved state, or Unleash failing or silent → "unleash-saved";
// nothing yet (no fetch, nothing saved) → the plan's rollout; a flag Unleash does not know → legacy.
import type { Variant } from "unleash-client";
import type { UnleashConfig } from "./config.ts";
import { createFetchHealth } from "./fetch-health.ts";
import { createClient, destroyQuietly, waitForFirstState, watchClient } from "./unleash-sdk.ts";
import type { RandomSource } from "./hashing.ts";
import type { LocalFlagStore } from "./flag-map-store.ts";
import type { FlagsLogger } from "./logger.ts";
import { evaluatePlanRollout } from "./plan-rollout.ts";
import type { SavedStateStore } from "./saved-state.ts";
import type { FlagEvaluation, FlagState, ManagedFlagProvider } from "./types.ts";
import { toUnleashContext } from "./unleash-context.ts";
import { isSplitToggle, shareOfToggle } from "./unleash-split.ts";
import { FlagsManagedElsewhereError } from "./errors.ts";
import { startRefreshTimer } from "./refresh-timer.ts";

export interface UnleashProviderOptions {
  unleash: UnleashConfig;
  refreshMs: number;
  savedState: SavedStateStore;
  /** Kill overrides set through the admin API; they win over Unleash. */
  kills: LocalFlagStore;
  random: RandomSource;
  now: () => number;
  logger: FlagsLogger;
  /** How long start-up waits for the saved state or a first fetch, in ms. */
  startupWaitMs: number;
}

/** A variant's string payload names the upstream when present; otherwise its name does. */
function readVariantTarget(variant: Variant): string | undefined {
  if (!variant.enabled) return undefined;
  if (variant.payload?.type === "string" && variant.payload.value) return variant.payload.value;
  return variant.name;
}

export async function createUnleashProvider(options: UnleashProviderOptions): Promise<ManagedFlagProvider> {
  const { logger, kills } = options;
  const startedAt = options.now();
  const health = createFetchHealth(options.now, options.refreshMs * 2 + options.unleash.timeoutMs);
  const client = createClient(options);
  const hasState = watchClient(client, health, logger);
  const started = client.start().catch((error: unknown) => logger.error({ err: error }, "unleash start failed"));
  await waitForFirstState(client, started, options.startupWaitMs);
  const killTimer = startRefreshTimer(() => kills.refresh(), options.refreshMs, logger);

  function evaluateUnleash(name: string, context: Parameters<ManagedFlagProvider["evaluate"]>[1], rollout: Parameters<ManagedFlagProvider["evaluate"]>[2]): FlagEvaluation {
    if (kills.get(name)?.enabled === false) return { enabled: false, source: "local" };
    if (!hasState()) return evaluatePlanRollout(name, context, rollout, options.random);
    const toggle = client.getFeatureToggleDefinition(name);
    if (!toggle) return { enabled: false, source: "unknown" };
    const variant = client.getVariant(name, toUnleashContext(context));
    const evaluation: FlagEvaluation = {
      enabled: variant.feature_enabled === true, source: health.isFresh() ? "unleash" : "unleash-saved", split: isSplitToggle(toggle),
    };
    const target = evaluation.enabled ? readVariantTarget(variant) : undefined;
    if (target) evaluation.variant = target;
    return evaluation;
  }

  function describe(name: string): FlagState {
    const kill = kills.get(name);
    const state: FlagState = { name, mode: "unleash", killed: kill?.enabled === false };
    if (kill) state.local = kill;
    const toggle = hasState() ? client.getFeatureToggleDefinition(name) : undefined;
    if (toggle) {
      state.unleash = {
        enabled: toggle.enabled,
        strategies: (toggle.strategies ?? []).map((strategy) => ({ name: strategy.name, parameters: strategy.parameters })),
      };
    }
    return state;
  }

  return {
    mode: "unleash",
    evaluate(name, context, rollout) {
      try {
        return evaluateUnleash(name, context, rollout);
      } catch (error) {
        logger.error({ err: error, flag: name }, "flag evaluation failed; using the plan's rollout");
        return evaluatePlanRollout(name, context, rollout, options.random);
      }
    },
    ready: hasState,
    share(name, rollout) {
      if (kills.get(name)?.enabled === false) return 0;
      if (!hasState()) return rollout.percentage;
      const toggle = client.getFeatureToggleDefinition(name);
      return toggle ? shareOfToggle(toggle) : 0;
    },
    // Never fetched (saved state only, or nothing): as old as this provider, so an alert on age still fires.
    refreshedAt: () => health.lastSuccessAt() ?? startedAt,
    async close() {
      // A fetch still in flight is dropped by the stopped client; waiting for it could take retries x timeout.
      destroyQuietly(client);
      await killTimer.stop();
      await options.savedState.flush?.();
    },
    listFlags() {
      const names = new Set([...(hasState() ? client.getFeatureToggleDefinitions().map((toggle) => toggle.name) : []), ...kills.entries().map(([name]) => name)]);
      return [...names].sort().map(describe);
    },
    getFlag: describe,
    setFlag: (name) => Promise.reject(new FlagsManagedElsewhereError(name, options.unleash.url)),
    async kill(name) {
      await kills.update((flags) => flags.set(name, { enabled: false, percentage: 0, updatedAt: new Date(options.now()).toISOString() }));
      logger.warn({ flag: name }, "kill switch on: all of this flag's traffic goes to legacy, whatever Unleash says");
      return describe(name);
    },
    async revive(name) {
      await kills.update((flags) => flags.delete(name));
      logger.info({ flag: name }, "kill switch off: Unleash decides again");
      return describe(name);
    },
  };
}
