// What the upstream receives: the shopper's headers unchanged (cookies byte for byte, Host preserved),
// minus hop-by-hop headers and our own debug headers, plus X-Forwarded-* built from the connection
// and, only from a trusted peer, the incoming X-Forwarded-* values.
import type { IncomingHttpHeaders } from "node:http";

export type TrustProxy = "none" | "all" | "loopback";

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "proxy-authorization", "http2-settings"];
/** Never forwarded: they carry the admin token or engineer overrides. */
export const DEBUG_HEADER = "x-strangler-debug";
export const FORCE_HEADER = "x-strangler-force";
const STANDARD_CONNECTION = /^(?:keep-alive|close)$/i;
const KEEP_ALIVE = /^keep-alive$/i;

export function isTrustedPeer(trust: TrustProxy, remoteAddress: string | undefined): boolean {
  if (trust === "all") return true;
  if (trust === "none" || remoteAddress === undefined) return false;
  return remoteAddress === "127.0.0.1" || remoteAddress === "::1" || remoteAddress === "::ffff:127.0.0.1";
}

/** Strips hop-by-hop headers (and those the Connection header names); keeps upgrade ones for WebSockets. */
export function stripHopByHop(headers: IncomingHttpHeaders, keepUpgrade: boolean): void {
  const connection = headers.connection;
  // "keep-alive" / "close" name no other header: skip the split on the common case.
  if (connection !== undefined && !STANDARD_CONNECTION.test(connection)) {
    for (const token of connection.split(",")) {
      const name = token.trim().toLowerCase();
      if (name && !(keepUpgrade && name === "upgrade")) delete headers[name];
    }
  }
  for (const name of HOP_BY_HOP) {
    if (keepUpgrade && (name === "connection" || name === "upgrade")) continue;
    if (headers[name] === undefined) continue;
    // "Connection: keep-alive" is what the upstream agent sends anyway; leaving it spares a `delete`,
    // which would turn the headers object into a slow dictionary for the rest of the request.
    if (name === "connection" && KEEP_ALIVE.test(headers.connection!)) continue;
    delete headers[name];
  }
  if (headers[DEBUG_HEADER] !== undefined) delete headers[DEBUG_HEADER];
  if (headers[FORCE_HEADER] !== undefined) delete headers[FORCE_HEADER];
}

/** Sets X-Forwarded-For/Proto/Host. From an untrusted peer, incoming values are replaced, not extended. */
export function setForwardedHeaders(headers: IncomingHttpHeaders, remoteAddress: string | undefined, proto: string, trusted: boolean): void {
  const client = remoteAddress ?? "";
  const forwardedFor = headers["x-forwarded-for"];
  if (trusted) {
    headers["x-forwarded-for"] = forwardedFor ? `${forwardedFor}, ${client}` : client;
    if (!headers["x-forwarded-proto"]) headers["x-forwarded-proto"] = proto;
    if (!headers["x-forwarded-host"] && headers.host) headers["x-forwarded-host"] = headers.host;
    return;
  }
  headers["x-forwarded-for"] = client;
  headers["x-forwarded-proto"] = proto;
  if (headers.host) headers["x-forwarded-host"] = headers.host;
  else delete headers["x-forwarded-host"];
  if (headers.forwarded !== undefined) delete headers.forwarded;
}
