// One http-proxy server per upstream, each with its own keep-alive agent: the only place that imports
// http-proxy. Responses are self-handled (the caller decides between piping and replaying to legacy),
// errors go to one shared callback; neither allocates a closure per request.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import httpProxy from "http-proxy";
import { createCircuitBreaker } from "../fallback/circuit-breaker.ts";
import type { CircuitBreaker } from "../fallback/circuit-breaker.ts";
import { isStaleSocketFailure, recordUpstreamRequest } from "./stale-socket-retry.ts";
import { FreshConnectionAgent, UpstreamAgent } from "./upstream-agent.ts";

export type ProxyErrorHandler = (error: Error, req: IncomingMessage, res: ServerResponse | Duplex, target?: unknown) => void;
export type ProxyResponseHandler = (upstreamRes: IncomingMessage, req: IncomingMessage, res: ServerResponse) => void;

export interface UpstreamOptions {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  maxSockets: number;
  circuitFailures: number;
  circuitOpenMs: number;
  now?: () => number;
  onResponse: ProxyResponseHandler;
  onError: ProxyErrorHandler;
}

export interface Upstream {
  readonly name: string;
  readonly url: URL;
  /** Location/Set-Cookie rewriting applies to every upstream but legacy. */
  readonly isLegacy: boolean;
  /** Undefined for legacy: when legacy is down there is nowhere else to go. */
  readonly breaker: CircuitBreaker | undefined;
  web(req: IncomingMessage, res: ServerResponse): void;
  ws(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createUpstream(name: string, url: URL, options: UpstreamOptions): Upstream {
  const agentOptions = { name, connectTimeoutMs: options.connectTimeoutMs, responseTimeoutMs: options.responseTimeoutMs, maxSockets: options.maxSockets };
  const agent = new UpstreamAgent(agentOptions);
  const freshAgent = new FreshConnectionAgent(agentOptions);
  const target = url.href.replace(/\/$/, "");
  // toProxy: req.url is sent as is. It is already the normalized origin-form the route was decided on; without
  // it http-proxy re-parses it with url.parse, whose deprecation check walks the stack on every request
  // (inside node_modules it never warns, so it never stops checking): ~7 µs a request, and it could
  // re-escape characters, so the upstream would see another path than routing did.
  const forwardOptions = { target, selfHandleResponse: true, xfwd: false, changeOrigin: false, toProxy: true };
  const proxy = httpProxy.createProxyServer({ ...forwardOptions, agent });
  const freshProxy = httpProxy.createProxyServer({ ...forwardOptions, agent: freshAgent });
  const wsProxy = httpProxy.createProxyServer({ target, agent: false as never, xfwd: false, changeOrigin: false, ws: true });
  for (const server of [proxy, freshProxy]) {
    server.on("proxyRes", options.onResponse);
    server.on("proxyReq", recordUpstreamRequest);
  }
  wsProxy.on("error", options.onError);
  const onError = (error: Error, req: IncomingMessage, res: ServerResponse): void => {
    if (isStaleSocketFailure(error, req, res)) (freshProxy.web as (...args: unknown[]) => void)(req, res, onError);
    else options.onError(error, req, res);
  };
  const isLegacy = name === "legacy";
  const breaker = isLegacy ? undefined
    : createCircuitBreaker({ failureThreshold: options.circuitFailures, openMs: options.circuitOpenMs, now: options.now });
  return {
    name, url, isLegacy, breaker,
    // Exactly (req, res, callback): any options argument makes http-proxy copy its options per request.
    web: (req, res) => (proxy.web as (...args: unknown[]) => void)(req, res, onError),
    ws: (req, socket, head) => (wsProxy.ws as (...args: unknown[]) => void)(req, socket, head, onError),
    close() {
      agent.destroy();
      freshAgent.destroy();
      proxy.close();
      freshProxy.close();
      wsProxy.close();
    },
  };
}
