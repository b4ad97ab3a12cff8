// The embedded default (no UNLEASH_URL): flags from the local store with Unleash's semantics and hashing.
// A flag the store has never seen follows its plan's rollout.
import { isInRollout, type RandomSource } from "./hashing.ts";
import type { LocalFlagStore } from "./flag-map-store.ts";
import type { FlagsLogger } from "./logger.ts";
import { evaluatePlanRollout } from "./plan-rollout.ts";
import { startRefreshTimer } from "./refresh-timer.ts";
import { isSplitRollout } from "./types.ts";
import type { FlagContext, FlagEvaluation, FlagState, LocalFlag, LocalFlagPatch, ManagedFlagProvider, Rollout } from "./types.ts";

export interface LocalProviderOptions {
  store: LocalFlagStore;
  refreshMs: number;
  random: RandomSource;
  now: () => number;
  logger: FlagsLogger;
}

function evaluateLocalFlag(flag: LocalFlag, name: string, context: FlagContext, rollout: Rollout, random: RandomSource): FlagEvaluation {
  if (!flag.enabled) return { enabled: false, source: "local" };
  const effective: Rollout = { percentage: flag.percentage, stickiness: flag.stickiness ?? rollout.stickiness };
  return { enabled: isInRollout(name, context, effective, random), source: "local", split: isSplitRollout(effective) };
}

function applyPatch(current: LocalFlag | undefined, patch: LocalFlagPatch, defaults: Rollout | undefined, updatedAt: string): LocalFlag {
  const next: LocalFlag = {
    enabled: patch.enabled ?? current?.enabled ?? true,
    percentage: patch.percentage ?? current?.percentage ?? defaults?.percentage ?? 0,
    updatedAt,
  };
  const stickiness = patch.stickiness ?? current?.stickiness;
  if (stickiness) next.stickiness = stickiness;
  return next;
}

export function createLocalProvider(options: LocalProviderOptions): ManagedFlagProvider {
  const { store, random } = options;
  // The store was read once before the provider was built (local-store.ts); each refresh that succeeds moves this on.
  let refreshedAt = options.now();
  const timer = startRefreshTimer(async () => { await store.refresh(); refreshedAt = options.now(); }, options.refreshMs, options.logger);
  const stamp = () => new Date(options.now()).toISOString();

  function describe(name: string): FlagState {
    const local = store.get(name);
    const state: FlagState = { name, mode: "local", killed: local?.enabled === false };
    if (local) state.local = local;
    return state;
  }

  async function change(name: string, patch: LocalFlagPatch, defaults?: Rollout): Promise<FlagState> {
    await store.update((flags) => {
      flags.set(name, applyPatch(flags.get(name), patch, defaults, stamp()));
    });
    options.logger.info({ flag: name, patch }, "local flag changed");
    return describe(name);
  }

  return {
    mode: "local",
    evaluate(name, context, rollout) {
      try {
        const flag = store.get(name);
        if (!flag) return evaluatePlanRollout(name, context, rollout, random);
        return evaluateLocalFlag(flag, name, context, rollout, random);
      } catch {
        return { enabled: false, source: "unknown" };
      }
    },
    ready: () => true,
    close: () => timer.stop(),
    share(name, rollout) {
      const flag = store.get(name);
      if (!flag) return rollout.percentage;
      return flag.enabled ? flag.percentage : 0;
    },
    refreshedAt: () => refreshedAt,
    listFlags: () => store.entries().map(([name]) => describe(name)),
    getFlag: describe,
    setFlag: (name, patch, defaults) => change(name, patch, defaults),
    kill: (name, defaults) => change(name, { enabled: false }, defaults),
    revive: (name, defaults) => change(name, { enabled: true }, defaults),
  };
}
