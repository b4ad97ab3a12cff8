// Flags decide, per plan, which shoppers see the new side. The proxy asks `provider.evaluate(flag, context,
// plan.rollout)` on every routed request: synchronous, never throws, answers from memory. Behind it either
// Unleash (UNLEASH_URL: polled every FLAG_REFRESH_MS, last state saved to disk or Redis) or the embedded
// local store (FLAG_STATE_DIR, steered through the admin API). Both bucket shoppers with Unleash's own
// hashing, so a shopper's side only changes when the percentage moves past their bucket.
export { createFlagProvider, type FlagProviderDeps } from "./create-flag-provider.ts";
export { flagsEnvSchema, parseFlagsEnv, toFlagsConfig, type FlagsConfig, type FlagsEnv } from "./config.ts";
export { createFlagsAdminRouter, type PlansSource } from "./admin-router.ts";
export { evaluatePlanRollout } from "./plan-rollout.ts";
export { getBucket, isInRollout } from "./hashing.ts";
export { detectDevice, type DeviceClass } from "./device.ts";
export { createCustomerGroupReader, GUEST_CUSTOMER_GROUP } from "./customer-group.ts";
export { FlagsError, FlagsManagedElsewhereError, FlagStateError } from "./errors.ts";
export type { FlagsLogger } from "./logger.ts";
export type {
  FlagContext,
  FlagEvaluation,
  FlagProvider,
  FlagSource,
  FlagState,
  FlaggedPlan,
  FlagsMode,
  LocalFlag,
  LocalFlagPatch,
  ManagedFlagProvider,
  Rollout,
  Stickiness,
} from "./types.ts";
