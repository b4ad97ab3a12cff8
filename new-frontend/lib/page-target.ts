// Turns a request path plus Magento's URL resolution into what the catch-all route renders:
// a product, a category, a CMS page, a redirect (Magento's 301/302 rewrites) or a 404. Pure.
import type { UrlResolution } from "@strangler/adapters";

export type PageTarget =
  | { kind: "product"; urlKey: string; id?: number }
  | { kind: "category"; urlPath: string; id?: number }
  | { kind: "cms"; identifier: string; id?: number }
  | { kind: "redirect"; location: string; status: 301 | 302 }
  | { kind: "not-found" };

/** `["gear", "bags.html"]` → `/gear/bags.html`. Segments arrive decoded; empty ones are dropped. */
export function toRequestPath(slug: readonly string[]): string {
  return `/${slug.filter((segment) => segment.length > 0).join("/")}`;
}

function stripSuffix(value: string, suffix: string): string {
  return suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
}

function toLocation(relativeUrl: string): string {
  if (/^https?:\/\//i.test(relativeUrl)) return relativeUrl;
  return `/${relativeUrl.replace(/^\/+/, "")}`;
}

/** Maps a resolution to a render target. `suffix` is the store's URL suffix (`.html`). */
export function mapResolution(resolution: UrlResolution | undefined, suffix = ".html"): PageTarget {
  if (!resolution) return { kind: "not-found" };
  if (resolution.redirectCode === 301 || resolution.redirectCode === 302) {
    return { kind: "redirect", location: toLocation(resolution.relativeUrl), status: resolution.redirectCode };
  }
  const relative = resolution.relativeUrl.replace(/^\/+/, "");
  const id = resolution.id === undefined ? {} : { id: resolution.id };
  switch (resolution.type) {
    case "PRODUCT": {
      const lastSegment = relative.split("/").pop() ?? "";
      const urlKey = resolution.identifier ?? stripSuffix(lastSegment, suffix);
      return urlKey ? { kind: "product", urlKey, ...id } : { kind: "not-found" };
    }
    case "CATEGORY": {
      const urlPath = stripSuffix(relative, suffix);
      return urlPath ? { kind: "category", urlPath, ...id } : { kind: "not-found" };
    }
    case "CMS_PAGE": {
      const identifier = resolution.identifier ?? relative;
      return identifier ? { kind: "cms", identifier, ...id } : { kind: "not-found" };
    }
    default:
      return { kind: "not-found" };
  }
}
