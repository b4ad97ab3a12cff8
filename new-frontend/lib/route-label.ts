// The Next route a request URL lands on, as proxy.ts rewrites it: the `route` label of the render metric.
// Only these few values, never the URL itself (one series per product page would swamp Prometheus).
const SEARCH = /^\/catalogsearch\/result\/?$/;
const API_ROUTES = new Set(["health", "revalidate"]);

export function routeLabel(url: string): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? "" : url.slice(q);
  if (path.startsWith("/_next/")) return "/_next";
  if (path.startsWith("/api/")) {
    const name = path.split("/")[2] ?? "";
    return API_ROUTES.has(name) ? `/api/${name}` : "/api/other";
  }
  if (SEARCH.test(path) || /^\/[a-z][a-z0-9_]*\/catalogsearch\/result\/?$/.test(path)) return "/catalogsearch/result";
  // proxy.ts: without a query (or at the home page) the cached ISR route, with one the per-request listing.
  if (search === "" || search === "?" || path === "/") return "/strangler-store/[store]/[[...slug]]";
  return "/strangler-listing/[store]/[...slug]";
}
