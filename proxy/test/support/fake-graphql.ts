// A legacy upstream that answers Magento's GraphQL `route(url:)` from a table, counting lookups, and
// serves every other path as a page.
import { startUpstream } from "./upstream.ts";
import type { TestUpstream } from "./upstream.ts";

export interface FakeMagento extends TestUpstream {
  lookups: () => number;
  /** "slow" never answers, "error" answers HTTP 500. */
  mode: { value: "ok" | "slow" | "error" };
}

export async function startFakeMagento(routes: Record<string, string | null>): Promise<FakeMagento> {
  const mode: FakeMagento["mode"] = { value: "ok" };
  let lookups = 0;
  const upstream = await startUpstream("legacy", (req, res, body) => {
    if (req.url !== "/graphql") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(`legacy ${req.method} ${req.url}`);
      return;
    }
    lookups += 1;
    if (mode.value === "slow") return;
    if (mode.value === "error") { res.writeHead(500); res.end("{}"); return; }
    const { variables } = JSON.parse(body) as { variables: { url: string } };
    const type = routes[variables.url];
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ data: { route: type ? { type, redirect_code: 0, relative_url: variables.url.slice(1) } : null } }));
  });
  return Object.assign(upstream, { lookups: () => lookups, mode });
}
