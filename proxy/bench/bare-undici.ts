// Bench row "bare undici": node:http in front of an undici Pool, the answer streamed with `pool.stream`
// straight into the response; hop-by-hop headers dropped both ways and nothing else.
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";

const pool = new Pool(process.argv[2]!, { connections: 256, pipelining: 1 });
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"]);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) if (!HOP.has(name) && headers[name] !== undefined) out[name] = headers[name]!;
  return out;
}

const server = createServer((req, res) => {
  pool.stream({ path: req.url!, method: req.method!, headers: endToEnd(req.headers), body: req.method === "GET" || req.method === "HEAD" ? null : req },
    ({ statusCode, headers }) => { res.writeHead(statusCode, endToEnd(headers)); return res; },
  ).catch(() => { if (!res.headersSent) res.writeHead(502); res.end(); });
});
server.listen(0, "127.0.0.1", () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on("disconnect", () => process.exit(0));
