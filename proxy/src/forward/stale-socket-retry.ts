// A pooled keep-alive socket can be closed by the upstream at the very moment a request is written on it:
// the request then fails with a reset or "socket hang up" before any response byte. Browsers and undici
// send such an idempotent request again on a fresh connection, and so do we: once (the fresh connection is
// never reused, so a second failure is final), only for GET/HEAD without a body, never after a response.
import type { ClientRequest, IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

const UPSTREAM_REQUEST = Symbol("strangler.upstreamRequest");
type WithUpstreamRequest = IncomingMessage & { [UPSTREAM_REQUEST]?: ClientRequest };
type UpstreamRequestState = ClientRequest & { res?: IncomingMessage | null };

/** http-proxy's `proxyReq` listener: remembers the upstream request so an error can be judged later. */
export function recordUpstreamRequest(upstreamRequest: ClientRequest, req: IncomingMessage): void {
  (req as WithUpstreamRequest)[UPSTREAM_REQUEST] = upstreamRequest;
}

export function isStaleSocketFailure(error: Error, req: IncomingMessage, res: ServerResponse | Duplex): boolean {
  const code = (error as { code?: string }).code;
  if (code !== "ECONNRESET" && code !== "EPIPE") return false;
  const upstreamRequest = (req as WithUpstreamRequest)[UPSTREAM_REQUEST] as UpstreamRequestState | undefined;
  if (upstreamRequest === undefined || !upstreamRequest.reusedSocket || upstreamRequest.res) return false;
  if (!("headersSent" in res) || res.headersSent) return false;
  return isIdempotentWithoutBody(req);
}

function isIdempotentWithoutBody(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const headers = req.headers;
  if (headers["transfer-encoding"] !== undefined) return false;
  const length = headers["content-length"];
  return length === undefined || length === "0";
}
