// The shopper's customer group for flag constraints. Magento names it to its full-page cache only through
// the X-Magento-Vary cookie: sha1 of the ksorted JSON of the HTTP context values that differ from their
// defaults (Magento\Framework\App\Http\Context::getVaryString), i.e. customer_group + customer_logged_in
// for a signed-in shopper. The hashes of the known groups are computed once; reading is one map lookup.
import { createHash } from "node:crypto";

/** Magento's NOT LOGGED IN group: no X-Magento-Vary cookie at all. */
export const GUEST_CUSTOMER_GROUP = "0";

/** Magento's stock groups after NOT LOGGED IN: General, Wholesale, Retailer. */
const STOCK_GROUPS = ["1", "2", "3"];

function hashVary(groupId: string): string {
  return createHash("sha1").update(JSON.stringify({ customer_group: groupId, customer_logged_in: true })).digest("hex");
}

/**
 * Returns a reader from the X-Magento-Vary cookie value to a group id: "0" without the cookie, the group
 * whose hash it is, or undefined when the context holds more than the group (another currency or store
 * chosen), so a customerGroup constraint then does not match rather than guessing.
 */
export function createCustomerGroupReader(groupIds: readonly string[] = STOCK_GROUPS): (varyCookie: string | undefined) => string | undefined {
  const byHash = new Map(groupIds.map((groupId) => [hashVary(groupId), groupId]));
  return (varyCookie) => (varyCookie === undefined || varyCookie === "" ? GUEST_CUSTOMER_GROUP : byHash.get(varyCookie));
}
