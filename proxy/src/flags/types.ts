/** What the proxy knows about a shopper when it asks a flag. `sessionId` comes from the `strangler_sid` cookie. */
export interface FlagContext {
  sessionId: string;
  storeCode?: string;
  pageType?: string;
  remoteAddress?: string;
  userAgent?: string;
  customerGroup?: string;
}

export type Stickiness = "sessionId" | "random";

/** A plan's own rollout: applies before the flag service first answers, or when none is configured. */
export interface Rollout {
  /** 0..100 */
  percentage: number;
  stickiness: Stickiness;
}

export type FlagSource = "unleash" | "unleash-saved" | "local" | "plan-rollout" | "unknown";

export interface FlagEvaluation {
  enabled: boolean;
  /** Variant name, or its string payload when it has one: names the upstream when a flag splits between two new targets. */
  variant?: string;
  source: FlagSource;
  /**
   * The answer differs between shoppers (a share strictly between 0 and 100, or a flag service's
   * strategies that split): the side then depends on who asks, so the answer must never be shared by a
   * cache and a session-sticky split needs the shopper's strangler_sid. Absent: the same for everyone.
   */
  split?: boolean;
}

/** True when a rollout sends some shoppers one way and some the other. */
export function isSplitRollout(rollout: Rollout): boolean {
  return rollout.percentage > 0 && rollout.percentage < 100;
}

/** The per-request seam: synchronous, never throws, never awaits. */
export interface FlagProvider {
  evaluate(flagName: string, context: FlagContext, rollout: Rollout): FlagEvaluation;
  ready(): boolean;
  close(): Promise<void>;
  /** For /metrics: the share (0..100) of shoppers the flag sends to the new side now; undefined when unknowable. */
  share?(flagName: string, rollout: Rollout): number | undefined;
  /** For /metrics: when the flags were last refreshed from their source (epoch ms); absent when nothing refreshes them. */
  refreshedAt?(): number | undefined;
}

/** The part of a plan the flags need; `Plan` from @strangler/migration-plans satisfies it. */
export interface FlaggedPlan {
  id: string;
  flag: string;
  rollout: Rollout;
}

/** A flag as the local store keeps it (and as the admin API shows it). */
export interface LocalFlag {
  enabled: boolean;
  /** 0..100 */
  percentage: number;
  /** Overrides the plan's stickiness when set. */
  stickiness?: Stickiness;
  updatedAt: string;
}

export interface LocalFlagPatch {
  enabled?: boolean;
  percentage?: number;
  stickiness?: Stickiness;
}

export type FlagsMode = "local" | "unleash";

/** What the admin API sees of a flag, whichever store decides it. */
export interface FlagState {
  name: string;
  mode: FlagsMode;
  /** The local record (local mode), or the kill override (Unleash mode); undefined when there is none. */
  local?: LocalFlag;
  killed: boolean;
  /** The toggle as last fetched from Unleash (Unleash mode only). */
  unleash?: { enabled: boolean; strategies: Array<{ name: string; parameters?: Record<string, unknown> }> };
}

/** A provider the admin API can steer: list, set, kill. */
export interface ManagedFlagProvider extends FlagProvider {
  readonly mode: FlagsMode;
  listFlags(): FlagState[];
  getFlag(name: string): FlagState;
  /** Local mode only; throws FlagsManagedElsewhereError in Unleash mode. */
  setFlag(name: string, patch: LocalFlagPatch, defaults: Rollout | undefined): Promise<FlagState>;
  /** All of the flag's traffic to legacy at once, in both modes; persisted. */
  kill(name: string, defaults?: Rollout): Promise<FlagState>;
  /** Lifts a kill: local mode turns the flag back on at its percentage; Unleash mode drops the override. */
  revive(name: string, defaults?: Rollout): Promise<FlagState>;
}
