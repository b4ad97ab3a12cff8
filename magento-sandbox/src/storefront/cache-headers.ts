import type { Response } from "express";

/**
 * Full-page-cache headers as Magento's Response\Http sets them (STOREFRONT.md §4.1):
 * cacheable pages are public with X-Magento-Tags; pages with a cacheable="false" block
 * (cart, checkout, customer account) are no-store.
 */
export const pageTtlSeconds = 86400;

export function setPublicHeaders(res: Response, tags: string[], ttl = pageTtlSeconds): void {
  res.set("Pragma", "cache");
  // Laminas's CacheControl header sorts the directives, so Magento sends them alphabetically.
  res.set("Cache-Control", `max-age=${ttl}, public, s-maxage=${ttl}`);
  res.set("Expires", new Date(Date.now() + ttl * 1000).toUTCString());
  res.set("X-Magento-Tags", [...new Set([...tags, "FPC"])].join(","));
}

export function setNoCacheHeaders(res: Response): void {
  res.set("Pragma", "no-cache");
  res.set("Cache-Control", "max-age=0, must-revalidate, no-cache, no-store");
  res.set("Expires", new Date(Date.now() - 365 * 86400 * 1000).toUTCString());
}
