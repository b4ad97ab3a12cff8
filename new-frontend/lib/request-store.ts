// For pages rendered per request (listings with a query, a signed-in group's pages, search, the 404): the
// scope proxy.ts settled. A page for a customer group prices with the shopper's own Magento session, and
// only if the shopper's X-Magento-Vary still names that group: a request naming a group it is not in (a
// stale link, a hand-made path) is refused rather than priced, so no group's cache entry can get another's answer.
import { cookies, headers } from "next/headers";
import { getFrontendConfig } from "./config.ts";
import { currentShopper, currentStoreView, enterCustomerSession, enterStoreView, pickStore } from "./store-view.ts";
import { readShopper } from "./shopper.ts";
import { SCOPE_HEADER } from "./shopper-context.ts";
import { ShopperMismatchError } from "./errors.ts";


export async function enterRequestStoreView(): Promise<void> {
  const [head, jar] = await Promise.all([headers(), cookies()]);
  const scope = head.get(SCOPE_HEADER);
  if (!scope || !enterStoreView(scope)) enterStoreView(pickStore(head.get("store"), jar.get("store")?.value, "/", getFrontendConfig()).code);
  await requireShopperSession();
}

/** enterShopperSession, or an error (a 500 here, which the proxy answers from legacy) for a shopper not of the group. */
export async function requireShopperSession(): Promise<void> {
  if (!(await enterShopperSession())) throw new ShopperMismatchError(`not a shopper of customer group ${currentShopper().customerGroup}`);
}

/** Checks the render's group against the shopper's X-Magento-Vary and, for a group, hands their session on. */
export async function enterShopperSession(): Promise<boolean> {
  const { customerGroup } = currentShopper();
  if (customerGroup === "0") return true;
  const jar = await cookies();
  const shopper = readShopper(currentStoreView().code, jar.get("X-Magento-Vary")?.value);
  const session = jar.get("PHPSESSID")?.value;
  if (shopper?.customerGroup !== customerGroup || !session) return false;
  enterCustomerSession(session);
  return true;
}

