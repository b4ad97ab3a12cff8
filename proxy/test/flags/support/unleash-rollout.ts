// Steering and watching a real Unleash from tests: change the strangler strategy's percentage, and tell
// when Unleash starts serving a change to SDKs.
import { findPlanStrategy } from "../../../src/cli/plan-strategy.ts";
import type { UnleashAdminClient } from "../../../src/cli/unleash-admin-client.ts";
import { waitUntil } from "./http.ts";
import type { RunningUnleash } from "./unleash-server.ts";

export type ServedToggle = { enabled: boolean; strategies: Array<{ parameters?: Record<string, string> }> };

/** Sets the strangler strategy's percentage (project default, environment development). */
export async function setStrategyRollout(admin: UnleashAdminClient, flag: string, percentage: number): Promise<void> {
  const feature = await admin.getFeature("default", flag);
  const strategy = findPlanStrategy(feature!.environments.find((env) => env.name === "development")!.strategies)!;
  await admin.updateStrategy("default", flag, "development", { ...strategy, parameters: { ...strategy.parameters, rollout: String(percentage) } });
}

/** The client API's answer for one toggle, with its ETag; status 304 when `etag` is still current. */
export async function readClientFeatures(unleash: RunningUnleash, flag: string, etag?: string): Promise<{ status: number; etag: string | null; toggle?: ServedToggle }> {
  const headers: Record<string, string> = { Authorization: unleash.clientToken, ...(etag ? { "If-None-Match": etag } : {}) };
  const response = await fetch(`${unleash.apiUrl}/client/features`, { headers });
  if (response.status !== 200) return { status: response.status, etag: etag ?? null };
  const body = (await response.json()) as { features: Array<ServedToggle & { name: string }> };
  return { status: 200, etag: response.headers.get("etag"), toggle: body.features.find((feature) => feature.name === flag) };
}

/**
 * When Unleash starts serving the change to SDKs, in ms: asked the way unleash-client asks (If-None-Match
 * with the ETag from before the change), since Unleash answers 304 until it publishes a new revision.
 */
export function waitUntilUnleashServes(unleash: RunningUnleash, flag: string, etagBefore: string | null, check: (toggle: ServedToggle) => boolean): Promise<number> {
  return waitUntil(async () => {
    const answer = await readClientFeatures(unleash, flag, etagBefore ?? undefined);
    return answer.status === 200 && answer.toggle !== undefined && check(answer.toggle);
  }, 10_000, 10);
}
