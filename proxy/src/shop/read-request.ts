// Everything the shop reads from a request before routing it, checked once: the method (only those a shop
// uses reach an upstream), the header count, the target (normalized), the Host (an HTTP/1.0 request without
// one gets the public host), whether the peer is a trusted proxy (once per connection), the scheme, store,
// session and the engineer's debug token. Throws RequestRefusedError for anything refused.
import type { Socket } from "node:net";
import type { ProxyConfig } from "../config.ts";
import { RequestRefusedError } from "../errors.ts";
import { DEBUG_HEADER, FORCE_HEADER } from "../forward/request-head.ts";
import { hasRequestBody } from "../forward/request-body.ts";
import { readRequestTarget } from "../http/request-target.ts";
import { readCookie, readSessionId } from "../routing/session-cookie.ts";
import type { TokenCheck } from "./debug-token.ts";
import type { Exchange } from "./exchange.ts";
import { indexWebsites, type StoreHosts } from "./store-hosts.ts";

const TRUSTED = Symbol("strangler.trustedPeer");
type PeerSocket = Socket & { [TRUSTED]?: boolean };

export interface RequestReader {
  /** Fills the exchange from its request; throws RequestRefusedError. */
  read(ex: Exchange): void;
  /** The methods a shopper may use, for the Allow header of a 405. */
  allowHeader: string;
}

export function createRequestReader(config: ProxyConfig, isDebugToken: TokenCheck, newSessionId: () => string): RequestReader {
  const allowed = new Set(config.ALLOWED_METHODS);
  const stores: KnownStores = {
    codes: new Set(config.STORE_CODES), fallback: config.STORE_CODES[0] ?? "default",
    hosts: config.STORE_HOSTS, websiteOf: indexWebsites(config.STORE_HOSTS),
  };
  const maxRawHeaders = config.MAX_HEADERS_COUNT * 2;

  function read(ex: Exchange): void {
    const { req, headers } = ex;
    if (!allowed.has(ex.method)) throw new RequestRefusedError("METHOD_NOT_ALLOWED", `${ex.method} is not allowed here`, 405);
    if (req.rawHeaders.length > maxRawHeaders) throw new RequestRefusedError("HEADERS_TOO_MANY", "too many request headers", 431);
    const target = readRequestTarget(req);
    ex.path = target.path;
    ex.search = target.search;
    req.url = target.path + target.search;
    const host = headers.host;
    if (!host && req.httpVersionMinor !== 0) throw new RequestRefusedError("HOST_MISSING", "an HTTP/1.1 request must carry a Host header");
    ex.host = readHostname(host || config.PUBLIC_HOST);
    const socket = req.socket as PeerSocket;
    const trusted = (socket[TRUSTED] ??= config.isTrustedPeer(ex.remoteAddress));
    ex.trusted = trusted;
    ex.proto = trusted && headers["x-forwarded-proto"] === "https" ? "https" : "http";
    ex.hasBody = hasRequestBody(req.headers);
    ex.storeCode = readStoreCode(ex, stores);
    const sessionId = readSessionId(headers.cookie);
    ex.sessionId = sessionId ?? newSessionId();
    ex.sessionIsNew = sessionId === undefined;
    const debugToken = headers[DEBUG_HEADER];
    if (debugToken !== undefined && isDebugToken(debugToken)) {
      ex.debug = true;
      ex.forcedTarget = headers[FORCE_HEADER];
    }
  }

  return { read, allowHeader: config.ALLOWED_METHODS.join(", ") };
}

/** "Shop.Example.com:8443" → "shop.example.com"; "[::1]:8080" → "[::1]". */
function readHostname(host: string): string {
  const colon = host.lastIndexOf(":");
  return (colon > host.lastIndexOf("]") && colon !== -1 ? host.slice(0, colon) : host).toLowerCase();
}

interface KnownStores {
  codes: ReadonlySet<string>;
  fallback: string;
  hosts: StoreHosts;
  websiteOf: (store: string) => string;
}

/**
 * Magento's store, in the order Magento itself settles it: the `Store` header (GraphQL names its store),
 * a known store code path prefix (Magento turns it into the `___store` parameter, which StoreResolver
 * reads before the cookie), the `store` cookie (the store switcher, honoured only within the Host's
 * website), the Host (STORE_HOSTS: the web server's MAGE_RUN_CODE), the first STORE_CODES. A store chosen by
 * Host alone is kept as `hostStore`, which the forwarder sends as a `Store` header to a new side only: the new
 * frontend renders that store; Magento reads the Host itself and never gets a header the shopper did not send.
 */
function readStoreCode(ex: Exchange, known: KnownStores): string {
  const header = ex.headers.store;
  if (header !== undefined && known.codes.has(header)) return header;
  const path = ex.path;
  for (const code of known.codes) {
    if (path.startsWith(code, 1) && (path.length === code.length + 1 || path[code.length + 1] === "/")) return code;
  }
  const byHost = known.hosts.get(ex.host);
  const cookie = readCookie(ex.headers.cookie, "store");
  if (cookie !== undefined && known.codes.has(cookie) && (!byHost || known.websiteOf(cookie) === byHost.website)) return cookie;
  if (!byHost) return known.fallback;
  if (header === undefined) ex.hostStore = byHost.store;
  return byHost.store;
}
