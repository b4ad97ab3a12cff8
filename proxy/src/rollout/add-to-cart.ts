// Add-to-cart attempts and successes per ramping plan and side, from the finished-request hook. The
// shopper's side for a plan is what the flags answer for that plan's flag and this shopper (the same
// sticky hash that routes their pages), whichever page this request was.
//
// Success, from the answers Magento (and the sandbox) really give:
// - the form POST /checkout/cart/add: 302 to the cart (/checkout/cart/) is a success; a redirect anywhere
//   else (back to the product page, the referer) is a failure (Magento puts the error in the session);
//   a 2xx (Luma's AJAX add) is a success; 4xx/5xx and cut answers are failures.
// - GraphQL addProductsToCart: 2xx is a success, anything else a failure. A 200 carrying user_errors is
//   not seen (the proxy does not read answer bodies), and the mutation is seen only when the proxy read
//   the operation (some plan has a graphql match entry, so POST /graphql bodies are read).
import type { Plan } from "@strangler/migration-plans";
import type { FlagProvider } from "../flags/types.ts";
import type { Exchange } from "../shop/exchange.ts";
import type { TrafficStats } from "../stats/traffic-stats.ts";

const FORM_ADD = /^\/(?:[a-z0-9_]+\/)?checkout\/cart\/add(?:\/|$)/;
const CART = /^\/(?:[a-z0-9_]+\/)?checkout\/cart\/?(?:$|\?|index)/;

export function isAddToCart(ex: Pick<Exchange, "method" | "path" | "graphql">): "form" | "graphql" | undefined {
  if (ex.method !== "POST") return undefined;
  if (FORM_ADD.test(ex.path)) return "form";
  if (ex.graphql?.type === "mutation" && ex.graphql.rootFields.some((field) => field.name === "addProductsToCart")) return "graphql";
  return undefined;
}

export function isAddToCartSuccess(kind: "form" | "graphql", status: number, location: string | undefined): boolean {
  if (status >= 200 && status < 300) return true;
  if (kind === "graphql" || status < 300 || status >= 400 || location === undefined) return false;
  const path = location.startsWith("/") ? location : safePath(location);
  return path !== undefined && CART.test(path);
}

function safePath(url: string): string | undefined {
  try { return new URL(url).pathname; } catch { return undefined; }
}

export function recordAddToCart(stats: TrafficStats, ex: Exchange, plans: readonly Plan[], provider: FlagProvider): void {
  const kind = isAddToCart(ex);
  if (kind === undefined || ex.refused !== undefined) return;
  const status = ex.res.writableFinished ? ex.res.statusCode : 499;
  const succeeded = isAddToCartSuccess(kind, status, ex.answerLocation);
  for (const plan of plans) {
    if (plan.rollout.ramp === undefined) continue;
    const side = provider.evaluate(plan.flag, ex.flagContext, plan.rollout).enabled ? "new" : "legacy";
    stats.recordAddToCart(plan.id, side, succeeded);
  }
}
