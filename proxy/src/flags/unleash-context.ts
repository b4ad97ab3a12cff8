import type { Context } from "unleash-client";
import { detectDevice } from "./device.ts";
import type { FlagContext } from "./types.ts";

/**
 * Maps the proxy's context into Unleash's. No userId: a stock Magento exposes none to the proxy, so
 * Unleash's "default" stickiness falls back to the sessionId, as the plan's own rollout does.
 * Store code, page type, device and customer group become `properties`, usable in constraints.
 */
export function toUnleashContext(context: FlagContext): Context {
  const properties: Record<string, string> = { device: detectDevice(context.userAgent) };
  if (context.storeCode) properties.storeCode = context.storeCode;
  if (context.pageType) properties.pageType = context.pageType;
  if (context.customerGroup) properties.customerGroup = context.customerGroup;
  if (context.userAgent) properties.userAgent = context.userAgent;
  const unleashContext: Context = { sessionId: context.sessionId, properties };
  if (context.remoteAddress) unleashContext.remoteAddress = context.remoteAddress;
  return unleashContext;
}
