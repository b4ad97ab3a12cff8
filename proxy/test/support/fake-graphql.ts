// A legacy upstream that answers Magento's GraphQL `route(url:)` from a table, counting lookups, and
// serves every other path as a page.
import { startUpstream } from "./upstream.ts";
import type { TestUpstream } from "./upstream.ts";

export interface FakeMagento extends TestUpstream {
  lookups: () => number;
  /** Every route lookup as Magento received it. */
  routeRequests: Array<{ method: string; url: string; store: string | undefined }>;
  /** "slow" never answers, "error" answers HTTP 500. */
  mode: { value: "ok" | "slow" | "error" };
}

export async function startFakeMagento(routes: Record<string, string | null>): Promise<FakeMagento> {
  const mode: FakeMagento["mode"] = { value: "ok" };
  let lookups = 0;
  const routeRequests: FakeMagento["routeRequests"] = [];
  const upstream = await startUpstream("legacy", (req, res, body) => {
    const requestUrl = new URL(req.url ?? "/", "http://magento");
    if (requestUrl.pathname !== "/graphql") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(`legacy ${req.method} ${req.url}`);
      return;
    }
    lookups += 1;
    routeRequests.push({ method: req.method ?? "", url: req.url ?? "", store: req.headers.store as string | undefined });
    if (mode.value === "slow") return;
    if (mode.value === "error") { res.writeHead(500); res.end("{}"); return; }
    const variables = (req.method === "GET"
      ? JSON.parse(requestUrl.searchParams.get("variables") ?? "{}")
      : (JSON.parse(body) as { variables: unknown }).variables) as { url: string };
    const type = routes[variables.url];
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ data: { route: type ? { type, redirect_code: 0, relative_url: variables.url.slice(1) } : null } }));
  });
  return Object.assign(upstream, { lookups: () => lookups, routeRequests, mode });
}
