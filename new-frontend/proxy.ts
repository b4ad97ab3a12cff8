// Next's request proxy (formerly middleware), in front of every catalog URL. It answers what a page
// cannot answer with Magento's exact status:
// - Magento's redirecting URL rewrites → 301/302 with Location on the shop's public URL (a page's
//   redirect() can only say 307/308);
// - URLs Magento does not know → 404 with the no-route page as server-rendered HTML (a notFound() page
//   is an empty shell painted by JavaScript, vercel/next.js#62228);
// - quick search without a query (`/catalogsearch/result/?q=`) → Magento's 302 to the home page;
// - catalog URLs with a query string (`/gear/bags.html?p=2`) → the per-request listing route
//   (/strangler-listing/<store>/<path>); without one → the cached (ISR) route /strangler-store/<store>/<path>,
//   which must never see a query it would ignore. The store view is in the path, so Next's cache keeps
//   each store's page apart; it is the request's `Store` header or `store` cookie (lib/store-view.ts).
//   So are the shopper's switched currency and customer group, read from X-Magento-Vary
//   (lib/shopper-context.ts): `/strangler-store/default~EUR~0/…`; a group's pages go to the per-request
//   route; a shopper whose X-Magento-Vary cannot be read is left to legacy (503, the proxy falls back).
// The lookup is the adapters' cached `route` query, the same one the page makes.
import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { resolvePage } from "./lib/magento.ts";
import { getFrontendConfig } from "./lib/config.ts";
import type { PageTarget } from "./lib/page-target.ts";
import { pickStore, toStoreView, type StoreView } from "./lib/store-view.ts";
import { toPublicUrl } from "./lib/public-url.ts";
import { readShopper } from "./lib/shopper.ts";
import { SCOPE_HEADER, toScopeSegment } from "./lib/shopper-context.ts";

const noRoutePath = "/strangler-no-route";
const searchPath = /^\/catalogsearch\/result\/?$/;

async function resolveSafely(pathname: string, store: string): Promise<PageTarget | undefined> {
  try {
    return await resolvePage(decodeURIComponent(pathname), store);
  } catch {
    // Magento unreachable or a malformed path: let the page decide (its error makes the proxy fall back).
    return undefined;
  }
}

function answerTarget(request: NextRequest, target: PageTarget | undefined, view: StoreView, headers: Headers): Response | undefined {
  if (target?.kind === "redirect") return redirectTo(toPublicLocation(target.location, request.nextUrl.search, view), target.status);
  if (target?.kind === "not-found") {
    const rewritten = request.nextUrl.clone();
    rewritten.pathname = noRoutePath;
    rewritten.search = "";
    return NextResponse.rewrite(rewritten, { status: 404, request: { headers } });
  }
  return undefined;
}

/**
 * Like Magento's UrlRewrite router: a store path keeps the request's query, an absolute URL is used as is,
 * except one on Magento's own (internal) address, which is moved to the store's public URL.
 */
function toPublicLocation(location: string, search: string, view: StoreView): string {
  if (!/^https?:\/\//i.test(location)) return `${toPublicUrl(location, view.publicUrl)}${search}`;
  const internal = `${getFrontendConfig().magentoUrl}/`;
  return location.startsWith(internal) ? toPublicUrl(location.slice(internal.length), view.publicUrl) : location;
}

function redirectTo(location: string, status: number): Response {
  return new Response(null, { status, headers: { location, "cache-control": "no-store" } });
}

/**
 * A shopper whose X-Magento-Vary this app cannot read (no crypt key, a group or currency not configured):
 * 503, never cached, so the proxy answers from legacy, which knows their prices.
 */
function leaveToLegacy(): Response {
  return new Response("This shopper's Magento context is not one the new frontend renders.", {
    status: 503, headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
  });
}

export async function proxy(request: NextRequest) {
  const url = request.nextUrl;
  const config = getFrontendConfig();
  const picked = pickStore(request.headers.get("store"), request.cookies.get("store")?.value, url.pathname, config);
  const view = toStoreView(picked.code, config);
  const shopper = readShopper(view.code, request.cookies.get("X-Magento-Vary")?.value);
  if (!shopper) return leaveToLegacy();
  const scope = toScopeSegment(view.code, shopper);
  // Pages rendered per request (search, the 404) read the store and scope settled here from these headers.
  const headers = new Headers(request.headers);
  headers.set("store", view.code);
  headers.set(SCOPE_HEADER, scope);
  if (searchPath.test(picked.path)) {
    if ((url.searchParams.get("q") ?? "").trim() === "") return redirectTo(`${view.publicUrl}/`, 302);
    const search = url.clone();
    search.pathname = picked.path;
    return NextResponse.rewrite(search, { request: { headers } });
  }
  if (request.method === "GET" || request.method === "HEAD") {
    const answer = answerTarget(request, await resolveSafely(picked.path, view.code), view, headers);
    if (answer) return answer;
  }
  const rewritten = url.clone();
  // A customer group's page is priced with the shopper's session: rendered per request, never in Next's cache.
  const cached = shopper.customerGroup === "0" && (url.search === "" || url.search === "?" || picked.path === "/");
  rewritten.pathname = `/${cached ? "strangler-store" : "strangler-listing"}/${scope}${picked.path === "/" ? "" : picked.path}`;
  if (cached) rewritten.search = "";
  return NextResponse.rewrite(rewritten, { request: { headers } });
}

export const config = {
  // Everything except Next's own files, the API and the routes it rewrites to (the home page included).
  matcher: ["/", "/((?!_next/|api/|strangler-listing/|strangler-store/|favicon.ico).+)"],
};
