// Bench upstream, in its own process: fixed 2 KB and 100 KB pages with Content-Length on two ports (one plays
// legacy, one the new side), and legacy's GraphQL `route` answering PRODUCT for the page-type plan; it also
// takes the traced row's OTLP exports (/v1/traces, read and dropped), so no receiver shares the proxy's core.
// Reports its ports to the parent over IPC.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const bodies = new Map<string, Buffer>([
  ["2k", Buffer.alloc(2 * 1024, "a")],
  ["100k", Buffer.alloc(100 * 1024, "b")],
]);
const ROUTE = Buffer.from(JSON.stringify({ data: { route: { type: "PRODUCT", redirect_code: 0, relative_url: "p.html" } } }));

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === "/graphql") {
    req.resume();
    req.on("end", () => res.writeHead(200, { "Content-Type": "application/json", "Content-Length": ROUTE.length }).end(ROUTE));
    return;
  }
  if (req.url === "/v1/traces") {
    req.resume();
    req.on("end", () => res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 2 }).end("{}"));
    return;
  }
  const key = /(2k|100k)/.exec(req.url ?? "")?.[1] ?? "2k";
  const body = bodies.get(key)!;
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
  res.end(body);
}

const servers = [createServer({ keepAliveTimeout: 60_000 }, handle), createServer({ keepAliveTimeout: 60_000 }, handle)];
await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
process.send!({ ports: servers.map((server) => (server.address() as AddressInfo).port) });
process.on("disconnect", () => process.exit(0));
