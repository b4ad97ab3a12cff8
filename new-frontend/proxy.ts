// Next's request proxy (formerly middleware), in front of every catalog URL. It answers what a page
// cannot answer with Magento's exact status:
// - Magento's redirecting URL rewrites → 301/302 with Location on the shop's public URL (a page's
//   redirect() can only say 307/308);
// - URLs Magento does not know → 404 with the no-route page as server-rendered HTML (a notFound() page
//   is an empty shell painted by JavaScript, vercel/next.js#62228);
// - quick search without a query (`/catalogsearch/result/?q=`) → Magento's 302 to the home page;
// - catalog URLs with a query string (`/gear/bags.html?p=2`) → the per-request listing route; without
//   one they stay on the cached (ISR) catch-all route, which must never see a query it would ignore.
// The lookup is the adapters' cached `route` query, the same one the page makes.
import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { resolvePage } from "./lib/magento.ts";
import { getFrontendConfig } from "./lib/config.ts";
import type { PageTarget } from "./lib/page-target.ts";

const noRoutePath = "/strangler-no-route";
const searchPath = /^\/catalogsearch\/result\/?$/;

async function resolveSafely(pathname: string): Promise<PageTarget | undefined> {
  try {
    return await resolvePage(decodeURIComponent(pathname));
  } catch {
    // Magento unreachable or a malformed path: let the page decide (its error makes the proxy fall back).
    return undefined;
  }
}

function answerTarget(request: NextRequest, target: PageTarget | undefined): Response | undefined {
  if (target?.kind === "redirect") {
    // Like Magento's UrlRewrite router: a store path keeps the request's query, an absolute URL is used as is.
    const external = /^https?:\/\//i.test(target.location);
    const location = external ? target.location : `${getFrontendConfig().publicUrl}${target.location}${request.nextUrl.search}`;
    return redirectTo(location, target.status);
  }
  if (target?.kind === "not-found") {
    const rewritten = request.nextUrl.clone();
    rewritten.pathname = noRoutePath;
    rewritten.search = "";
    return NextResponse.rewrite(rewritten, { status: 404 });
  }
  return undefined;
}

function redirectTo(location: string, status: number): Response {
  return new Response(null, { status, headers: { location, "cache-control": "no-store" } });
}

export async function proxy(request: NextRequest) {
  const url = request.nextUrl;
  if (searchPath.test(url.pathname)) {
    return (url.searchParams.get("q") ?? "").trim() === "" ? redirectTo(`${getFrontendConfig().publicUrl}/`, 302) : NextResponse.next();
  }
  if (request.method === "GET" || request.method === "HEAD") {
    const answer = answerTarget(request, await resolveSafely(url.pathname));
    if (answer) return answer;
  }
  if (url.search === "" || url.search === "?") return NextResponse.next();
  const rewritten = url.clone();
  rewritten.pathname = `/strangler-listing${url.pathname}`;
  return NextResponse.rewrite(rewritten);
}

export const config = {
  // Everything except Next's own files, the API, the listing route it rewrites to and the home page.
  matcher: ["/((?!_next/|api/|strangler-listing/|favicon.ico).+)"],
};
