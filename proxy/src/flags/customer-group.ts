// The shopper's customer group for flag constraints. Magento names it to its full-page cache only through
// the X-Magento-Vary cookie, a hash of the HTTP context values that differ from their defaults
// (Magento\Framework\App\Http\Context::getVaryString): customer_group + customer_logged_in for a signed-in
// shopper. Since 2.4.7 that hash is sha256 of the ksorted JSON, "|", and the deployment's crypt key
// (env.php crypt/key); before, an unsalted sha1. The hashes of the known groups are computed once;
// reading is one map lookup. A cookie that matches no known group is never guessed: it reads as
// undefined (a customerGroup constraint does not match), and the first such cookie is reported, since
// it means a missing or wrong crypt key, a group not listed, or another currency or store in the context.
import { createHash } from "node:crypto";

/** Magento's NOT LOGGED IN group: no X-Magento-Vary cookie at all. */
export const GUEST_CUSTOMER_GROUP = "0";

/** Magento's stock groups after NOT LOGGED IN: General, Wholesale, Retailer. */
const STOCK_GROUPS = ["1", "2", "3"];

export type VaryHash = "sha256" | "sha1";
export type CustomerGroupReader = (varyCookie: string | undefined) => string | undefined;

export interface CustomerGroupReaderOptions {
  /** `sha256` (Magento 2.4.7+, needs cryptKey) or `sha1` (2.4.6 and older); default sha256. */
  hash?: VaryHash;
  /** The deployment's crypt key (env.php crypt/key). Without it a 2.4.7+ signed-in shopper's group is unknown. */
  cryptKey?: string | undefined;
  /** Customer group ids the store has, besides NOT LOGGED IN; default 1, 2, 3. */
  groupIds?: readonly string[];
  /** Called once, for the first X-Magento-Vary that matches no known group. */
  onUnreadable?: (reason: string) => void;
}

export function hashVary(groupId: string, hash: VaryHash, cryptKey: string | undefined): string {
  const context = JSON.stringify({ customer_group: groupId, customer_logged_in: true });
  return hash === "sha1"
    ? createHash("sha1").update(context).digest("hex")
    : createHash("sha256").update(`${context}|${cryptKey ?? ""}`).digest("hex");
}

/** Returns a reader from the X-Magento-Vary cookie value to a group id ("0" without the cookie). */
export function createCustomerGroupReader(options: CustomerGroupReaderOptions = {}): CustomerGroupReader {
  const hash = options.hash ?? "sha256";
  const canHash = hash === "sha1" || options.cryptKey !== undefined;
  const byHash = new Map(canHash ? (options.groupIds ?? STOCK_GROUPS).map((groupId) => [hashVary(groupId, hash, options.cryptKey), groupId]) : []);
  let reported = false;
  const reason = canHash
    ? "X-Magento-Vary matches no customer group of MAGENTO_CUSTOMER_GROUPS: check MAGENTO_CRYPT_KEY and MAGENTO_VARY_HASH, or the shopper chose another currency or store; customerGroup constraints do not match such shoppers"
    : "X-Magento-Vary cannot be read without MAGENTO_CRYPT_KEY (Magento 2.4.7+ salts it with env.php crypt/key); customerGroup constraints do not match signed-in shoppers";
  return (varyCookie) => {
    if (varyCookie === undefined || varyCookie === "") return GUEST_CUSTOMER_GROUP;
    const group = byHash.get(varyCookie);
    if (group === undefined && !reported) {
      reported = true;
      options.onUnreadable?.(reason);
    }
    return group;
  };
}
