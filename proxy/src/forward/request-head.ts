// What the upstream receives: the shopper's headers in their order, values byte for byte (cookies
// included), the shopper's Host (or the public host when the request had none), minus hop-by-hop headers,
// the headers Connection names, our debug headers and, from a peer that is not a trusted proxy, every
// header that claims to know the client (X-Forwarded-*, Forwarded, X-Real-IP, True-Client-IP, X-Original-URL…);
// then X-Forwarded-For/Proto/Host and X-Real-IP built from the connection, and last the request's trace
// context and X-Request-Id (shop/exchange.ts reads them). A flat [name, value, …] list for undici.
import type { IncomingHttpHeaders } from "node:http";

/** Never forwarded: they carry the admin token or engineer overrides. */
export const DEBUG_HEADER = "x-strangler-debug";
export const FORCE_HEADER = "x-strangler-force";

const DROP = 1;
/** Kept only from a trusted peer. */
const CLIENT_CLAIM = 2;
/** Rebuilt from the connection (and, from a trusted peer, the incoming value). */
const REBUILT = 3;
const HOST = 4;
/** undici writes its own Connection/Upgrade for an upgrade; for a plain request they are hop-by-hop. */
const UPGRADE_PAIR = 5;

const ACTIONS = new Map<string, number>([
  ["keep-alive", DROP], ["proxy-connection", DROP], ["te", DROP], ["trailer", DROP], ["transfer-encoding", DROP],
  ["proxy-authorization", DROP], ["http2-settings", DROP], ["expect", DROP], [DEBUG_HEADER, DROP], [FORCE_HEADER, DROP],
  // Sent as the proxy settled them (the trace continued or started, the request id kept or generated).
  ["traceparent", DROP], ["x-request-id", DROP],
  ["connection", UPGRADE_PAIR], ["upgrade", UPGRADE_PAIR], ["host", HOST],
  ["x-forwarded-for", REBUILT], ["x-forwarded-proto", REBUILT], ["x-forwarded-host", REBUILT], ["x-real-ip", REBUILT],
  ["forwarded", CLIENT_CLAIM], ["x-forwarded-port", CLIENT_CLAIM], ["x-forwarded-server", CLIENT_CLAIM],
  ["true-client-ip", CLIENT_CLAIM], ["x-client-ip", CLIENT_CLAIM], ["client-ip", CLIENT_CLAIM], ["x-cluster-client-ip", CLIENT_CLAIM],
  ["cf-connecting-ip", CLIENT_CLAIM], ["fastly-client-ip", CLIENT_CLAIM], ["x-original-url", CLIENT_CLAIM], ["x-rewrite-url", CLIENT_CLAIM],
]);
const STANDARD_CONNECTION = /^\s*(?:keep-alive|close)\s*$/i;
/** Connection may name headers to drop, but never Host: the public host always reaches the upstream. */
const NEVER_NAMED = new Set(["host", "keep-alive", "close", "upgrade", ""]);

export interface RequestHeadInput {
  headers: IncomingHttpHeaders;
  /** The peer's address (the shopper, or the load balancer in front). */
  remoteAddress: string | undefined;
  /** "http" or "https", as the shopper used it. */
  proto: string;
  /** The peer is a proxy we trust (TRUST_PROXY): its X-Forwarded-* and client claims are kept. */
  trusted: boolean;
  /** Host sent when the request carries none (HTTP/1.0). */
  publicHost: string;
  /** The W3C traceparent the upstream receives; the second-to-last pair of the head (setTraceparent). */
  traceparent?: string;
  /** X-Request-Id the upstream receives; the last pair. */
  requestId?: string;
}

export function buildRequestHead(input: RequestHeadInput): string[] {
  const { headers, trusted } = input;
  const host = headers.host || input.publicHost;
  const named = readNamedHeaders(headers.connection);
  const out = ["host", host];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (named !== undefined && named.includes(name) && name !== "host") continue;
    const action = ACTIONS.get(name);
    // Only Set-Cookie comes as an array, and a request has no business carrying it: joined, not dropped.
    if (action === undefined || (action === CLIENT_CLAIM && trusted)) out.push(name, typeof value === "string" ? value : value.join(", "));
  }
  const client = input.remoteAddress ?? "";
  const claimed = (name: string) => (trusted ? headers[name] as string | undefined : undefined);
  const incomingFor = claimed("x-forwarded-for");
  out.push(
    "x-forwarded-for", incomingFor ? `${incomingFor}, ${client}` : client,
    "x-forwarded-proto", claimed("x-forwarded-proto") || input.proto,
    "x-forwarded-host", claimed("x-forwarded-host") || host,
    "x-real-ip", claimed("x-real-ip") || client,
  );
  if (input.traceparent !== undefined && input.requestId !== undefined) out.push("traceparent", input.traceparent, "x-request-id", input.requestId);
  return out;
}

/** Each attempt at an upstream names itself as the upstream's parent span: rewrites the head's traceparent. */
export function setTraceparent(head: string[], traceparent: string): void {
  // Searched from the end: request-head puts it last, and only a `Store` header (headForUpstream) may follow.
  for (let i = head.length - 2; i >= 0; i -= 2) {
    if (head[i] === "traceparent") { head[i + 1] = traceparent; return; }
  }
}

/**
 * The head for one upstream: a store the Host chose (STORE_HOSTS) is named to a new side in a `Store`
 * header, which it cannot infer from a Host it does not serve; legacy Magento reads its own Host and never
 * gets a header the shopper did not send (a `Store` header would also split its full-page and GraphQL caches).
 */
export function headForUpstream(head: string[], toLegacy: boolean, hostStore: string | undefined): string[] {
  return toLegacy || hostStore === undefined ? head : [...head, "store", hostStore];
}

/** Lower-case header names the Connection header lists beyond its standard tokens; undefined for the usual values. */
function readNamedHeaders(connection: string | undefined): string[] | undefined {
  if (connection === undefined || STANDARD_CONNECTION.test(connection)) return undefined;
  const named: string[] = [];
  for (const token of connection.split(",")) {
    const name = token.trim().toLowerCase();
    if (!NEVER_NAMED.has(name)) named.push(name);
  }
  return named.length === 0 ? undefined : named;
}
