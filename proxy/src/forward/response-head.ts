// What the shopper receives from an upstream: status and headers in the upstream's order and spelling,
// hop-by-hop headers removed (Trailer too: node refuses it on a response it cannot send chunked), and, for
// any upstream but legacy, Location and Set-Cookie Domain rewritten from the upstream's own address to the
// public host, so nothing leaks where the new side lives. Then our own: the sticky cookie and, for an
// engineer, the decision.
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { makeAnswerPrivate } from "./private-answer.ts";
import type { AnswerPrivacy } from "./private-answer.ts";

/** undici's raw header list: names and values alternate, as Buffers (or strings). */
export type RawHeaders = ReadonlyArray<Buffer | string>;

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "http2-settings"]);
const COOKIE_DOMAIN = /;\s*domain=\.?([^;]*)/i;
const STANDARD_CONNECTION = /^\s*(?:keep-alive|close|upgrade)\s*$/;
// Lengths of every header name this pass treats specially: others skip the lower-casing altogether.
const SPECIAL_LENGTHS = new Set([...HOP_BY_HOP, "location", "set-cookie"].map((name) => name.length));

export interface ResponseRewrite {
  /** e.g. "http://127.0.0.1:3000"; undefined for legacy, which already speaks the public host. */
  upstreamOrigin: string | undefined;
  upstreamHostname: string;
  /** e.g. "https://shop.example.com". */
  publicOrigin: string;
  publicHostname: string;
}

export interface ResponseHead {
  status: number;
  statusMessage: string | undefined;
  raw: RawHeaders;
}

/**
 * `setCookie` and `decision` are extra headers appended when defined (session cookie, debug decision);
 * `privacy`, when defined, keeps shared caches from storing the answer (private-answer.ts).
 */
export function writeResponseHead(
  res: ServerResponse, head: ResponseHead, rewrite: ResponseRewrite | undefined,
  setCookie: string | undefined, decision: string | undefined, privacy?: AnswerPrivacy,
): void {
  const filtered = filterResponseHeaders(head.raw, rewrite);
  const out = privacy === undefined ? filtered : makeAnswerPrivate(filtered, privacy);
  if (setCookie !== undefined) out.push("Set-Cookie", setCookie);
  if (decision !== undefined) out.push("X-Strangler-Decision", decision);
  res.writeHead(head.status, head.statusMessage || undefined, out);
}

/** The raw list as strings, hop-by-hop headers (and those Connection names) removed, rewritten for non-legacy upstreams. */
export function filterResponseHeaders(raw: RawHeaders, rewrite: ResponseRewrite | undefined): string[] {
  const connectionTokens = findNamedHopHeaders(raw);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = toLatin1(raw[i]!);
    let value = toLatin1(raw[i + 1]!);
    if (!SPECIAL_LENGTHS.has(name.length) && connectionTokens === undefined) {
      out.push(name, value);
      continue;
    }
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    if (connectionTokens !== undefined && isNamedByConnection(connectionTokens, lower)) continue;
    if (rewrite !== undefined) {
      if (lower === "location") value = rewriteLocation(value, rewrite);
      else if (lower === "set-cookie") value = rewriteCookieDomain(value, rewrite);
    }
    out.push(name, value);
  }
  return out;
}

function toLatin1(value: Buffer | string): string {
  return typeof value === "string" ? value : value.toString("latin1");
}

/** The Connection header's value when it names headers beyond the standard tokens, else undefined. */
function findNamedHopHeaders(raw: RawHeaders): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length !== 10 || toLatin1(raw[i]!).toLowerCase() !== "connection") continue;
    const value = toLatin1(raw[i + 1]!).toLowerCase();
    if (!STANDARD_CONNECTION.test(value)) return value;
  }
  return undefined;
}

function isNamedByConnection(tokens: string, lower: string): boolean {
  if (!tokens.includes(",")) return tokens.trim().toLowerCase() === lower;
  return tokens.split(",").some((token) => token.trim().toLowerCase() === lower);
}

export function rewriteLocation(value: string, rewrite: ResponseRewrite): string {
  const origin = rewrite.upstreamOrigin;
  if (origin === undefined) return value;
  if (value.startsWith(origin) && (value.length === origin.length || "/?#".includes(value[origin.length]!))) {
    return rewrite.publicOrigin + value.slice(origin.length);
  }
  const schemeless = origin.slice(origin.indexOf("//"));
  if (value.startsWith(schemeless + "/")) return rewrite.publicOrigin + value.slice(schemeless.length);
  return value;
}

export function rewriteCookieDomain(value: string, rewrite: ResponseRewrite): string {
  const match = COOKIE_DOMAIN.exec(value);
  if (!match || match[1]!.trim().toLowerCase() !== rewrite.upstreamHostname) return value;
  return value.slice(0, match.index) + `; Domain=${rewrite.publicHostname}` + value.slice(match.index + match[0].length);
}

/** The rewrite for a non-legacy upstream's answer: its own origin becomes the shopper's. */
export function createRewrite(ex: { proto: string; headers: IncomingHttpHeaders; host: string }, upstream: { url: URL }, publicHost: string): ResponseRewrite {
  return {
    upstreamOrigin: upstream.url.origin,
    upstreamHostname: upstream.url.hostname.toLowerCase(),
    publicOrigin: `${ex.proto}://${ex.headers.host || publicHost}`,
    publicHostname: ex.host,
  };
}

/** The Location header of a raw head, if any (upstream form, before any rewrite). */
export function readLocation(raw: RawHeaders): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 8 && toLatin1(raw[i]!).toLowerCase() === "location") return toLatin1(raw[i + 1]!);
  }
  return undefined;
}
