// The head of a mirrored request: what the page needs to render for the same store, currency and customer
// group, and nothing that could touch a shopper's Magento session. Built from the head legacy received
// (request-head.ts: X-Forwarded-* already rebuilt), keeping an allow-list; cookies are cut down to the
// context cookies, and the answer is asked for uncompressed.

/** Request headers a mirrored request keeps (lower case). */
const KEPT = new Set(["host", "accept", "accept-language", "user-agent", "store", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip"]);
/**
 * Cookies a mirrored request keeps: the store view (`store`) and Magento's HTTP context hash
 * (`X-Magento-Vary`: customer group and currency), which pick the prices and the catalog a page shows.
 * Never PHPSESSID, form_key, private_content_version, mage-cache-*, strangler_sid or any other.
 */
export const SHADOW_COOKIES: readonly string[] = ["store", "X-Magento-Vary"];

export function buildShadowHead(upstreamHead: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < upstreamHead.length; i += 2) {
    const name = upstreamHead[i]!.toLowerCase();
    const value = upstreamHead[i + 1]!;
    if (KEPT.has(name)) out.push(name, value);
    else if (name === "cookie") {
      const kept = keepContextCookies(value);
      if (kept !== "") out.push("cookie", kept);
    }
  }
  out.push("accept-encoding", "identity", "x-strangler-shadow", "1");
  return out;
}

export function keepContextCookies(header: string): string {
  return header.split(";").map((pair) => pair.trim())
    .filter((pair) => SHADOW_COOKIES.includes(pair.slice(0, pair.indexOf("=")).trim()))
    .join("; ");
}
