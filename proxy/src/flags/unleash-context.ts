import type { Context } from "unleash-client";
import { detectDevice } from "./device.ts";
import type { FlagContext, Rollout } from "./types.ts";

/**
 * Maps the proxy's context into Unleash's. `userId` is passed only when the plan sticks by user: with
 * Unleash's default stickiness a userId would otherwise re-bucket a shopper the moment they sign in.
 * Store code, page type, device and customer group become `properties`, usable in constraints.
 */
export function toUnleashContext(context: FlagContext, rollout: Rollout): Context {
  const properties: Record<string, string> = { device: detectDevice(context.userAgent) };
  if (context.storeCode) properties.storeCode = context.storeCode;
  if (context.pageType) properties.pageType = context.pageType;
  if (context.customerGroup) properties.customerGroup = context.customerGroup;
  if (context.userAgent) properties.userAgent = context.userAgent;
  const unleashContext: Context = { sessionId: context.sessionId, properties };
  if (rollout.stickiness === "userId" && context.userId) unleashContext.userId = context.userId;
  if (context.remoteAddress) unleashContext.remoteAddress = context.remoteAddress;
  return unleashContext;
}
