// Bench row "bare http-proxy": http-proxy 1.18 with a keep-alive agent, nothing else (what a naive strangler
// starts from). http-proxy is a dev dependency for this row only.
import { Agent, createServer } from "node:http";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import httpProxy from "http-proxy";

const target = process.argv[2]!;
const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
const proxy = httpProxy.createProxyServer({ target, agent });
proxy.on("error", (_error, _req, res) => { (res as ServerResponse).writeHead(502).end(); });
const server = createServer((req, res) => proxy.web(req, res));
server.listen(0, "127.0.0.1", () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on("disconnect", () => process.exit(0));
