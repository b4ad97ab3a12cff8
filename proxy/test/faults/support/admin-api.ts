// Reads the proxy's admin API (behind the admin token), as an engineer watching a fault would.
import { ADMIN_TOKEN } from "../../support/proxy.ts";

export async function readAdmin<T>(adminUrl: string, path: string): Promise<T> {
  const response = await fetch(`${adminUrl}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`admin ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** What the decisions ring holds for one plan, counted by reason. */
export async function countPlanReasons(adminUrl: string, planId: string): Promise<Record<string, number>> {
  const { decisions } = await readAdmin<{ decisions: Array<{ plan?: string; reason: string }> }>(adminUrl, "/decisions?limit=10000");
  const reasons: Record<string, number> = {};
  for (const { plan, reason } of decisions) if (plan === planId) reasons[reason] = (reasons[reason] ?? 0) + 1;
  return reasons;
}
