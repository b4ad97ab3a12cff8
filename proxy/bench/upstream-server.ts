// Bench upstream, in its own process: fixed 2 KB and 100 KB pages with Content-Length, on two ports
// (one plays legacy, one the new side). Reports its ports to the parent over IPC.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const bodies = new Map<string, Buffer>([
  ["2k", Buffer.alloc(2 * 1024, "a")],
  ["100k", Buffer.alloc(100 * 1024, "b")],
]);

function handle(req: IncomingMessage, res: ServerResponse): void {
  const key = req.url!.slice(req.url!.lastIndexOf("/") + 1);
  const body = bodies.get(key) ?? bodies.get("2k")!;
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
  res.end(body);
}

const servers = [createServer({ keepAliveTimeout: 60_000 }, handle), createServer({ keepAliveTimeout: 60_000 }, handle)];
await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
process.send!({ ports: servers.map((server) => (server.address() as AddressInfo).port) });
process.on("disconnect", () => process.exit(0));
