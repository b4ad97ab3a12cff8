// Next's request proxy (formerly middleware). Catalog URLs with a query string (`/gear/bags.html?p=2`)
// go to the per-request listing route; without one they stay on the cached (ISR) catch-all route, which
// must never see a query it would ignore.
import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const url = request.nextUrl;
  if (url.search === "" || url.search === "?") return NextResponse.next();
  const rewritten = url.clone();
  rewritten.pathname = `/strangler-listing${url.pathname}`;
  return NextResponse.rewrite(rewritten);
}

export const config = {
  // Everything except Next's own files, the API, search (its own dynamic route) and the home page.
  matcher: ["/((?!_next/|api/|catalogsearch/|strangler-listing/|favicon.ico).+)"],
};
