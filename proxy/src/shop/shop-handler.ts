// The shop port's per-request path, on plain node:http: read and check the request once (read-request.ts),
// decide (resolving the page type first when a plan needs it), and hand the decision to the forwarder,
// which owns the round trip and resolves with its outcome. Upgrades take the same path; refusals before
// routing (ours, or node's parser's) get a clean answer, an access line and a metric. Every request gets
// a trace id, a traceparent and a request id for the upstreams (tracing/trace-context.ts); spans only
// when a tracer is given (traces exported), so without one no OTel object is touched per request.
import { STATUS_CODES } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ProxyConfig } from "../config.ts";
import { RequestRefusedError } from "../errors.ts";
import { sendErrorPage } from "../error-pages.ts";
import type { CustomerGroupReader } from "../flags/customer-group.ts";
import type { FlagProvider } from "../flags/types.ts";
import type { Forwarder, ForwardResult } from "../forward/forwarder.ts";
import type { Upstream } from "../forward/upstream.ts";
import type { PageCache } from "../page-cache/page-cache.ts";
import { createAdminPathGuard } from "../routing/admin-path.ts";
import { decide, NEEDS_GRAPHQL, NEEDS_PAGE_TYPE } from "../routing/decide.ts";
import type { DecideEnv } from "../routing/decide.ts";
import type { PageTypeResolver } from "../routing/page-type-resolver.ts";
import { createDecision } from "../routing/route-table.ts";
import type { Decision, RouteTable } from "../routing/route-table.ts";
import { createSessionId, formatSessionCookie } from "../routing/session-cookie.ts";
import { answerClientError } from "./client-errors.ts";
import type { ClientRefusal } from "./client-errors.ts";
import type { TokenCheck } from "./debug-token.ts";
import { EXCHANGE, Exchange } from "./exchange.ts";
import type { WithExchange } from "./exchange.ts";
import { createGraphqlReader } from "./graphql-reader.ts";
import type { OnGraphqlRead } from "./graphql-reader.ts";
import type { ParseGraphql } from "../graphql/graphql-request.ts";
import { createRequestReader } from "./read-request.ts";
import type { RequestTracer } from "../tracing/request-tracer.ts";
import { readTraceContext } from "../tracing/trace-context.ts";
import type { ShadowIntake } from "../shadow/shadow-runner.ts";

const ROUTING_FAILED = createDecision("legacy", "undecided");

export interface ShopHandlerDeps {
  config: ProxyConfig;
  upstreams: ReadonlyMap<string, Upstream>;
  forwarder: Forwarder;
  getTable(): RouteTable;
  provider: FlagProvider;
  resolver: PageTypeResolver | undefined;
  isDebugToken: TokenCheck;
  newSessionId?: () => string;
  /** X-Magento-Vary → customer group, for flag constraints. */
  readCustomerGroup: CustomerGroupReader;
  /** Called once per finished (or abandoned) request or upgrade. */
  onFinished(ex: Exchange): void;
  /** Called with the forwarder's outcome (a replay to the fallback, a failure). */
  onForwarded(ex: Exchange, result: ForwardResult): void;
  onRoutingError(ex: Exchange, error: unknown): void;
  /** A request node's parser refused before any Exchange existed. */
  onClientRefused(refusal: ClientRefusal): void;
  /** graphql-js's parse (default), for routing by GraphQL operation. */
  parseGraphql?: ParseGraphql;
  onGraphqlRead?: OnGraphqlRead;
  /** Spans per request; only when traces are exported. */
  tracer?: RequestTracer;
  /** Stage shadow: picks a sample of a shadow decision's requests and mirrors them after legacy answered. */
  shadow?: ShadowIntake | undefined;
  /** The shared page cache: answers the new side's anonymous pages it keeps, fills from the others. */
  pageCache?: PageCache | undefined;
}

export function createShopHandler(deps: ShopHandlerDeps) {
  const { config, forwarder } = deps;
  const reader = createRequestReader(config, deps.isDebugToken, deps.newSessionId ?? (() => createSessionId()));
  const limits = { bufferBytes: config.REQUEST_BUFFER_BYTES, minBytesPerSecond: config.REQUEST_BODY_MIN_RATE, windowMs: config.REQUEST_BODY_RATE_WINDOW_MS };
  const graphql = createGraphqlReader(limits, deps.parseGraphql, deps.onGraphqlRead);
  const routeUnlessGone = (ex: Exchange) => { if (!isGone(ex)) route(ex); };
  const env: DecideEnv = {
    provider: deps.provider,
    isAdminPath: createAdminPathGuard(config.ADMIN_PATH, config.STORE_CODES),
    knownTargets: new Set(deps.upstreams.keys()),
    legacy: "legacy",
    crawlerSide: config.BOT_SIDE,
    isUpstreamAvailable: (name) => deps.upstreams.get(name)?.breaker?.allowRequest() ?? true,
  };

  const tracer = deps.tracer;
  function startTrace(ex: Exchange): void {
    if (tracer === undefined) return readTraceContext(ex);
    readTraceContext(ex, true);
    ex.trace = tracer.startRequest(ex);
  }

  function finished(ex: Exchange): void {
    deps.onFinished(ex);
    ex.trace?.end(ex);
  }

  function onResponseClose(this: ServerResponse): void {
    const ex = (this.req as WithExchange)[EXCHANGE];
    if (ex !== undefined) finished(ex);
  }

  function send(ex: Exchange, decision: Decision): void {
    // The sticky cookie only where the side depended on it, so an answer the same for everyone carries no
    // Set-Cookie a shared cache could hand to other shoppers; and such answers, an engineer's included, are private.
    if (decision.needsSession && ex.sessionIsNew) ex.newSessionCookie = formatSessionCookie(ex.sessionId, ex.proto === "https");
    ex.privateAnswer = decision.perShopper || ex.debug;
    if (decision.shadow !== undefined && deps.shadow !== undefined && !ex.tunnel) deps.shadow.consider(ex, decision.shadow);
    if (ex.tunnel) {
      forwarder.upgrade(ex, decision, ex.upgradeSocket!, ex.upgradeHead!).then((result) => {
        deps.onForwarded(ex, result);
        finished(ex);
      });
    } else if (deps.pageCache !== undefined) {
      deps.pageCache.serve(ex, decision, () => forward(ex, decision));
    } else {
      void forward(ex, decision);
    }
  }

  function forward(ex: Exchange, decision: Decision): Promise<ForwardResult> {
    return forwarder.forward(ex, decision).then((result) => {
      deps.onForwarded(ex, result);
      return result;
    });
  }

  function route(ex: Exchange): void {
    const decideStartedAt = ex.trace === undefined ? 0 : performance.now();
    let decision;
    try {
      decision = decide(ex, deps.getTable(), env);
    } catch (error) {
      // Plans and flags promise never to throw; if one does anyway, the shopper still gets legacy.
      deps.onRoutingError(ex, error);
      decision = ROUTING_FAILED;
    }
    ex.trace?.recordDecide(decideStartedAt, decision === NEEDS_GRAPHQL || decision === NEEDS_PAGE_TYPE ? undefined : decision);
    if (decision === NEEDS_GRAPHQL) return graphql.read(ex, routeUnlessGone);
    if (decision !== NEEDS_PAGE_TYPE) return send(ex, decision);
    const resolver = deps.resolver;
    const cached = resolver?.peek(ex.path, ex.storeCode);
    if (resolver === undefined || cached !== undefined) {
      settlePageType(ex, resolver === undefined ? "failed" : cached ?? undefined);
      return route(ex);
    }
    const lookup = ex.trace?.startLookup();
    resolver.resolve(ex.path, ex.storeCode, lookup?.traceparent ?? ex.traceparent).then(
      (pageType) => { lookup?.end(pageType ?? "none"); settlePageType(ex, pageType ?? undefined); if (!isGone(ex)) route(ex); },
      () => { lookup?.end("failed"); settlePageType(ex, "failed"); if (!isGone(ex)) route(ex); },
    );
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const ex = new Exchange(req, res, performance.now());
    ex.readCustomerGroup = deps.readCustomerGroup;
    (req as WithExchange)[EXCHANGE] = ex;
    res.on("close", onResponseClose); // `on`, not `once`: close fires once anyway
    startTrace(ex);
    try {
      reader.read(ex);
    } catch (error) {
      return refuse(ex, error);
    }
    route(ex);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ex = new Exchange(req, undefined as never, performance.now());
    ex.readCustomerGroup = deps.readCustomerGroup;
    ex.tunnel = true;
    ex.upgradeSocket = socket;
    ex.upgradeHead = head;
    startTrace(ex);
    try {
      reader.read(ex);
    } catch (error) {
      return refuseUpgrade(ex, socket, error);
    }
    ex.pageTypeState = "resolved"; // an upgrade is never a catalog page
    ex.graphqlState = "failed"; // nor a query read whole (a subscription's socket stays with the fallback)
    route(ex);
  }

  function refuse(ex: Exchange, error: unknown): void {
    const refused = asRefusal(error);
    ex.refused = refused.code;
    sendErrorPage(ex.res, refused.status, refused.status === 405 ? ["Allow", reader.allowHeader] : [], true);
  }

  function refuseUpgrade(ex: Exchange, socket: Duplex, error: unknown): void {
    const refused = asRefusal(error);
    ex.refused = refused.code;
    ex.status = refused.status;
    const allow = refused.status === 405 ? `Allow: ${reader.allowHeader}\r\n` : "";
    socket.end(`HTTP/1.1 ${refused.status} ${STATUS_CODES[refused.status]}\r\n${allow}Connection: close\r\nContent-Length: 0\r\n\r\n`);
    finished(ex);
  }

  function onClientError(error: Error, socket: Duplex): void {
    const refusal = answerClientError(error, socket, reader.allowHeader);
    if (refusal !== undefined) deps.onClientRefused(refusal);
  }

  /** CONNECT never reaches an upstream: this is not an open proxy. */
  function onConnect(req: IncomingMessage, socket: Duplex): void {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    deps.onClientRefused({ method: "CONNECT", path: req.url ?? "-", status: 405, refused: "METHOD_CONNECT" });
  }

  return { onRequest, onUpgrade, onClientError, onConnect };
}

function isGone(ex: Exchange): boolean {
  return ex.tunnel ? ex.upgradeSocket!.destroyed : ex.res.destroyed;
}

function asRefusal(error: unknown): RequestRefusedError {
  return error instanceof RequestRefusedError ? error : new RequestRefusedError("REQUEST_INVALID", String(error));
}

function settlePageType(ex: Exchange, pageType: Exchange["pageType"] | "failed"): void {
  if (pageType === "failed") ex.pageTypeState = "failed";
  else { ex.pageType = pageType; ex.pageTypeState = "resolved"; }
}
