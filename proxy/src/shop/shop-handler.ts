// The shop port's per-request path, on plain node:http: check and normalize the target, read the
// session, strip hop-by-hop headers, decide (resolving the page type first when a plan needs it),
// forward. Everything per request lives on one Exchange; shared functions, no per-request closures.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ProxyConfig } from "../config.ts";
import { RequestRefusedError } from "../errors.ts";
import { sendErrorPage } from "../error-pages.ts";
import type { CustomerGroupReader } from "../flags/customer-group.ts";
import type { FlagProvider } from "../flags/types.ts";
import { DEBUG_HEADER, FORCE_HEADER, isTrustedPeer, setForwardedHeaders, stripHopByHop } from "../forward/request-headers.ts";
import type { Upstream } from "../forward/upstreams.ts";
import { readRequestTarget } from "../http/request-target.ts";
import { createAdminPathGuard } from "../routing/admin-path.ts";
import { decide, NEEDS_PAGE_TYPE } from "../routing/decide.ts";
import { createDecision } from "../routing/route-table.ts";
import type { DecideEnv } from "../routing/decide.ts";
import type { PageTypeResolver } from "../routing/page-type-resolver.ts";
import type { RouteTable } from "../routing/route-table.ts";
import { createSessionId, formatSessionCookie, readCookie, readSessionId } from "../routing/session-cookie.ts";
import type { TokenCheck } from "./debug-token.ts";
import { EXCHANGE, Exchange } from "./exchange.ts";
import type { WithExchange } from "./exchange.ts";
import { createForwarding } from "./forwarding.ts";

const ROUTING_FAILED = createDecision("legacy", "undecided");

export interface ShopHandlerDeps {
  config: ProxyConfig;
  upstreams: ReadonlyMap<string, Upstream>;
  getTable(): RouteTable;
  provider: FlagProvider;
  resolver: PageTypeResolver | undefined;
  isDebugToken: TokenCheck;
  newSessionId?: () => string;
  /** X-Magento-Vary → customer group, for flag constraints. */
  readCustomerGroup: CustomerGroupReader;
  /** Called once per finished (or abandoned) request. */
  onFinished(ex: Exchange): void;
  onFallback(ex: Exchange, from: Upstream): void;
  onRoutingError(ex: Exchange, error: unknown): void;
}

export function createShopHandler(deps: ShopHandlerDeps) {
  const { config } = deps;
  const legacy = deps.upstreams.get("legacy")!;
  const forwarding = createForwarding({ upstreams: deps.upstreams, legacy, onFallback: deps.onFallback });
  const newSessionId = deps.newSessionId ?? (() => createSessionId());
  const storeCodes = new Set(config.STORE_CODES);
  const defaultStore = config.STORE_CODES[0] ?? "default";
  const env: DecideEnv = {
    provider: deps.provider,
    isAdminPath: createAdminPathGuard(config.ADMIN_PATH, config.STORE_CODES),
    knownTargets: new Set(deps.upstreams.keys()),
    legacy: "legacy",
    isUpstreamAvailable: (name) => deps.upstreams.get(name)?.breaker?.allowRequest() ?? true,
  };

  function onResponseClose(this: ServerResponse): void {
    const ex = (this.req as WithExchange)[EXCHANGE];
    if (ex !== undefined) deps.onFinished(ex);
  }

  function readRequest(ex: Exchange): void {
    const { req } = ex;
    ex.readCustomerGroup = deps.readCustomerGroup;
    const target = readRequestTarget(req);
    ex.path = target.path;
    ex.search = target.search;
    req.url = target.path + target.search;
    const host = ex.headers.host ?? "";
    const colon = host.lastIndexOf(":");
    ex.host = (colon > host.lastIndexOf("]") && colon !== -1 ? host.slice(0, colon) : host).toLowerCase();
    const trusted = isTrustedPeer(config.TRUST_PROXY, ex.remoteAddress);
    const forwardedProto = trusted ? ex.headers["x-forwarded-proto"] : undefined;
    ex.proto = forwardedProto === "https" ? "https" : "http";
    ex.storeCode = readStoreCode(ex, storeCodes, defaultStore);
    const cookie = ex.headers.cookie;
    const sessionId = readSessionId(cookie);
    ex.sessionId = sessionId ?? newSessionId();
    if (sessionId === undefined) ex.newSessionCookie = formatSessionCookie(ex.sessionId, ex.proto === "https");
    const debugToken = ex.headers[DEBUG_HEADER];
    if (debugToken !== undefined && deps.isDebugToken(debugToken)) {
      ex.debug = true;
      ex.forcedTarget = ex.headers[FORCE_HEADER];
    }
    stripHopByHop(req.headers, false);
    setForwardedHeaders(req.headers, ex.remoteAddress, ex.proto, trusted);
  }

  function route(ex: Exchange): void {
    let decision;
    try {
      decision = decide(ex, deps.getTable(), env);
    } catch (error) {
      // Plans and flags promise never to throw; if one does anyway, the shopper still gets legacy.
      deps.onRoutingError(ex, error);
      decision = ROUTING_FAILED;
    }
    if (decision !== NEEDS_PAGE_TYPE) return forwarding.send(ex, decision);
    const resolver = deps.resolver;
    const cached = resolver?.peek(ex.path, ex.storeCode);
    if (resolver === undefined || cached !== undefined) {
      settlePageType(ex, resolver === undefined ? "failed" : cached ?? undefined);
      return route(ex);
    }
    resolver.resolve(ex.path, ex.storeCode).then(
      (pageType) => { settlePageType(ex, pageType ?? undefined); if (!ex.res.destroyed) route(ex); },
      () => { settlePageType(ex, "failed"); if (!ex.res.destroyed) route(ex); },
    );
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const ex = new Exchange(req, res, performance.now());
    (req as WithExchange)[EXCHANGE] = ex;
    res.on("close", onResponseClose); // `on`, not `once`: close fires once, and once() allocates a wrapper
    try {
      readRequest(ex);
    } catch (error) {
      return refuse(ex, error);
    }
    route(ex);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      const target = readRequestTarget(req);
      req.url = target.path + target.search;
    } catch {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    stripHopByHop(req.headers, true);
    const trusted = isTrustedPeer(config.TRUST_PROXY, req.socket.remoteAddress);
    setForwardedHeaders(req.headers, req.socket.remoteAddress, "http", trusted);
    const ex = new Exchange(req, undefined as never, performance.now());
    ex.path = req.url.split("?")[0]!;
    ex.pageTypeState = "resolved"; // an upgrade is never a catalog page
    const decision = decide(ex, deps.getTable(), env);
    (deps.upstreams.get(decision.target) ?? legacy).ws(req, socket, head);
  }

  return { onRequest, onUpgrade, onProxyResponse: forwarding.onResponse, onProxyError: forwarding.onError };
}

function settlePageType(ex: Exchange, pageType: Exchange["pageType"] | "failed"): void {
  if (pageType === "failed") ex.pageTypeState = "failed";
  else { ex.pageType = pageType; ex.pageTypeState = "resolved"; }
}

function refuse(ex: Exchange, error: unknown): void {
  const refused = error instanceof RequestRefusedError ? error : new RequestRefusedError("REQUEST_INVALID", String(error));
  ex.refused = refused.code;
  sendErrorPage(ex.res, refused.status, [], true);
}

/** Magento's store: the `Store` header (GraphQL), the `store` cookie, or a known store code path prefix. */
function readStoreCode(ex: Exchange, known: ReadonlySet<string>, fallback: string): string {
  const header = ex.headers.store;
  if (header !== undefined && known.has(header)) return header;
  const cookie = readCookie(ex.headers.cookie, "store");
  if (cookie !== undefined && known.has(cookie)) return cookie;
  const path = ex.path;
  for (const code of known) {
    if (path.startsWith(code, 1) && (path.length === code.length + 1 || path[code.length + 1] === "/")) return code;
  }
  return fallback;
}
