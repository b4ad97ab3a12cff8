// The metrics port: a small HTTP server inside the Next server's process, started by instrumentation.ts
// when METRICS_PORT is set. It is not the port the proxy forwards shoppers to, so /metrics can never be
// reached through the shop. Render times come from node's own HTTP diagnostics channels (request start,
// response finish) of the Next server, labelled by the Next route the URL lands on.
import { subscribe } from "node:diagnostics_channel";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { getFrontendMetrics } from "./metrics.ts";
import { routeLabel } from "./route-label.ts";

interface HttpServerMessage { request: IncomingMessage; response: ServerResponse; server: Server }

export function startMetricsServer(port: number, host: string): Promise<Server> {
  const metrics = getFrontendMetrics();
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "/").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("only GET /metrics here\n");
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${String(error)}\n`),
    );
  });
  const started = new WeakMap<IncomingMessage, number>();
  subscribe("http.server.request.start", (message) => {
    const { request, server: from } = message as HttpServerMessage;
    if (from !== server) started.set(request, performance.now());
  });
  subscribe("http.server.response.finish", (message) => {
    const { request } = message as HttpServerMessage;
    const at = started.get(request);
    if (at === undefined) return;
    started.delete(request);
    metrics.render.observe({ route: routeLabel(request.url ?? "/") }, (performance.now() - at) / 1000);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => { server.off("error", reject); resolve(server); });
  });
}
