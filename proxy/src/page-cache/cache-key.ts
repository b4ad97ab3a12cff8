// The shared page cache's key, built like Magento's own full-page cache identifier: the URL (scheme,
// host, path, query) and the X-Magento-Vary cookie, the hash of everything Magento's HTTP context says
// differs from the defaults (customer group and signed-in state, currency, store). Keying by that raw
// value needs no crypt key and can never hand one group's page to another. Added: the store view the
// proxy settled and Magento's `store` cookie (the new side renders by them), and Accept-Encoding, since
// the new side compresses per request. Query parameters are sorted, as Magento's VCL does, so
// `?a=1&b=2` and `?b=2&a=1` share one entry.
import { readCookie } from "../routing/session-cookie.ts";

export interface KeyFacts {
  proto: string;
  path: string;
  /** "" or "?…", as the shopper sent it. */
  search: string;
  storeCode: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const MAX_PART = 512;

/** The key, or undefined when a part is too long to key by (never truncated: that could join two shoppers). */
export function buildCacheKey(facts: KeyFacts): string | undefined {
  const h = facts.headers;
  const cookie = typeof h.cookie === "string" ? h.cookie : undefined;
  const parts = [
    facts.proto,
    part(h.host).toLowerCase(),
    facts.storeCode,
    part(readCookie(cookie, "store")),
    part(readCookie(cookie, "X-Magento-Vary")),
    part(h["accept-encoding"]),
  ];
  if (parts.some((text) => text.length > MAX_PART)) return undefined;
  parts.push(facts.path + sortQuery(facts.search));
  return parts.join("\n");
}

function part(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : value ?? "";
}

export function sortQuery(search: string): string {
  if (search === "" || search === "?") return "";
  const pairs = search.slice(1).split("&").filter((pair) => pair !== "");
  return pairs.length === 0 ? "" : `?${pairs.sort().join("&")}`;
}
