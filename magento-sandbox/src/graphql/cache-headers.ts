import { createHash } from "node:crypto";
import type { OperationDefinitionNode } from "graphql";
import { Kind } from "graphql";

/** Queries Magento caches (docs/commerce-webapi/graphql/usage/caching.md, 2.4.7+). */
const CACHEABLE_QUERIES = new Set([
  "attributesForm", "attributesList", "availableStores", "categories", "category", "categoryList", "cmsBlocks",
  "cmsPage", "countries", "country", "currency", "customAttributeMetadata", "customAttributeMetadataV2",
  "products", "route", "storeConfig", "urlResolver", "__typename",
]);

/** Magento's built-in full-page cache TTL (system/full_page_cache/ttl). */
export const PAGE_CACHE_TTL_SECONDS = 86_400;
const CACHE_ID_SALT = "strangler-magento-sandbox";

/** GET query whose every top-level field is cacheable (one uncacheable field spoils all). */
export function isCacheableOperation(operation: OperationDefinitionNode, method: string): boolean {
  if (method !== "GET" || operation.operation !== "query") return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && CACHEABLE_QUERIES.has(s.name.value));
}

/** SHA-256 of the HTTP context (store, currency, logged-in flag, group, tax rate) plus a salt. */
export function computeCacheId(input: { storeCode: string; currency: string; customerGroupId: number; loggedIn: boolean }): string {
  const context = [input.storeCode, input.currency, input.loggedIn ? "1" : "0", String(input.customerGroupId), "0", CACHE_ID_SALT].join("|");
  return createHash("sha256").update(context).digest("hex");
}

/** Past this a client's header parser may give up (undici allows 16 KB for all headers). */
const MAX_TAGS_HEADER_BYTES = 8000;

export function buildPublicHeaders(tags: Iterable<string>, now: Date): Record<string, string> {
  const joined = joinTags([...new Set(tags)]);
  return {
    "Cache-Control": `max-age=${PAGE_CACHE_TTL_SECONDS}, public, s-maxage=${PAGE_CACHE_TTL_SECONDS}`,
    Pragma: "cache",
    Expires: new Date(now.getTime() + PAGE_CACHE_TTL_SECONDS * 1000).toUTCString(),
    ...(joined ? { "X-Magento-Tags": joined } : {}),
  };
}

/** Very large listings fall back to the type tags (cat_p, cat_c…), which still purge them. */
function joinTags(tags: string[]): string {
  const joined = tags.join(",");
  if (joined.length <= MAX_TAGS_HEADER_BYTES) return joined;
  return tags.filter((tag) => !/_\d+$/.test(tag)).join(",");
}

export function buildNoCacheHeaders(): Record<string, string> {
  return {
    "Cache-Control": "max-age=0, must-revalidate, no-cache, no-store",
    Pragma: "no-cache",
    Expires: "Thu, 19 Nov 1981 08:52:00 GMT",
  };
}
