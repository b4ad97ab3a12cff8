// One object per shop request: the request's facts as the plan matchers read them (MatchInput), the
// flag context (FlagContext), the decision input, and the forwarding state. One allocation, no closures.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { GraphqlOperation, MatchInput, PageType } from "@strangler/migration-plans";
import type { FlagContext } from "../flags/types.ts";
import type { AnswerTap } from "../forward/answer-tap.ts";
import type { RequestBodyReader } from "../forward/request-body.ts";
import type { Upstream } from "../forward/upstream.ts";
import type { ResponseTap } from "../shadow/response-tap.ts";
import type { DecideInput, GraphqlState, PageTypeState } from "../routing/decide.ts";
import type { Decision } from "../routing/route-table.ts";
import type { RequestTrace } from "../tracing/request-tracer.ts";
import { createCustomerGroupReader, type CustomerGroupReader } from "../flags/customer-group.ts";
import { isbot } from "isbot";
import { parseCookies, readCookie } from "../routing/session-cookie.ts";

/** Guests only: the shop handler sets the configured reader on every exchange. */
const GUESTS_ONLY = createCustomerGroupReader({ groupIds: [] });

export const EXCHANGE = Symbol("strangler.exchange");
export type WithExchange = { [EXCHANGE]?: Exchange };

export class Exchange implements MatchInput, FlagContext, DecideInput {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** performance.now() at arrival, in milliseconds. */
  readonly startedAt: number;
  readonly method: string;
  readonly headers: Record<string, string | undefined>;
  path = "";
  search = "";
  host = "";
  proto = "http";
  storeCode = "";
  /** The store the Host chose when the request named none (STORE_HOSTS): sent to a new side as `Store`. */
  hostStore: string | undefined = undefined;
  pageType: PageType | undefined = undefined;
  pageTypeState: PageTypeState = "unknown";
  /** Read only when a graphql route's method and path matched (shop/graphql-reader.ts). */
  graphql: GraphqlOperation | undefined = undefined;
  graphqlState: GraphqlState = "unknown";
  /** The operation was read whole and is a query: safe to replay to the fallback. */
  graphqlQuery = false;
  /** Set when the body was read before deciding (a GraphQL POST); the forwarder takes it over. */
  bodyReader: RequestBodyReader | undefined = undefined;
  sessionId = "";
  remoteAddress: string | undefined;
  /** The peer is a proxy we trust (TRUST_PROXY), decided once per connection. */
  trusted = false;
  userAgent: string | undefined;
  /** The request carries a body (Content-Length above 0 or Transfer-Encoding). */
  hasBody = false;
  /** The shopper came without a strangler_sid: sessionId is new, and is sent as a cookie only if the decision needs it. */
  sessionIsNew = false;
  /** Set when this response must carry a new strangler_sid cookie. */
  newSessionCookie: string | undefined = undefined;
  /** No shared cache may keep this answer (it depended on who asked); set with the decision. */
  privateAnswer = false;
  #isBot: boolean | undefined = undefined;
  debug = false;
  forcedTarget: string | undefined = undefined;
  decision: Decision | undefined = undefined;
  upstream: Upstream | undefined = undefined;
  /** Set by the page cache when this request's answer may fill it. */
  answerTap: AnswerTap | undefined = undefined;
  /** The head the upstream receives, built by the forwarder. */
  upstreamHead: string[] = [];
  replayed = false;
  /** Stage shadow picked this request: the copy of legacy's answer for the comparison. */
  shadowTap: ResponseTap | undefined = undefined;
  /** A POST's answer's Location header, as the upstream sent it (set by the forwarder). */
  answerLocation: string | undefined = undefined;
  /** The forwarding stage that failed (errors.ts ForwardStage), if one did. */
  failure: string | undefined = undefined;
  refused: string | undefined = undefined;
  readCustomerGroup: CustomerGroupReader = GUESTS_ONLY;
  /** An upgrade: no ServerResponse; `status` is what the shopper's socket got (101 for a tunnel). */
  tunnel = false;
  status = 0;
  upgradeSocket: Duplex | undefined = undefined;
  /** Bytes the shopper sent after the upgrade request's head. */
  upgradeHead: Buffer | undefined = undefined;
  /** The trace (32 hex) and the traceparent the upstreams get (tracing/trace-context.ts), and X-Request-Id. */
  traceId = "";
  traceparent = "";
  requestId = "";
  /** Spans, kept only when traces are exported. */
  trace: RequestTrace | undefined = undefined;
  #cookies: Record<string, string> | undefined = undefined;
  #query: URLSearchParams | undefined = undefined;

  constructor(req: IncomingMessage, res: ServerResponse, startedAt: number) {
    this.req = req;
    this.res = res;
    this.startedAt = startedAt;
    this.method = req.method ?? "GET";
    this.headers = req.headers as IncomingHttpHeaders as Record<string, string | undefined>;
    this.remoteAddress = req.socket.remoteAddress;
    this.userAgent = req.headers["user-agent"];
  }

  get url(): string { return this.req.url ?? "/"; }
  /** What the shopper got; a response cut before its end (shopper left, upstream died mid-body) counts as 499. */
  get finalStatus(): number { return this.tunnel ? this.status : this.res.writableFinished ? this.res.statusCode : 499; }
  get facts(): MatchInput { return this; }
  get flagContext(): FlagContext { return this; }
  // Parsed only when a plan asks for cookies or query parameters.
  get cookies(): Record<string, string> { return (this.#cookies ??= parseCookies(this.headers.cookie)); }
  get query(): URLSearchParams { return (this.#query ??= new URLSearchParams(this.search)); }
  /** Magento's customer group from the X-Magento-Vary cookie; read only when a flag constraint asks. */
  /**
   * A crawler without a strangler_sid (isbot on the User-Agent): it would get a side drawn anew on every
   * request. A client that keeps our cookie stays on its side like any shopper. Read only mid-ramp.
   */
  get isBot(): boolean { return (this.#isBot ??= this.sessionIsNew && isbot(this.userAgent)); }
  get customerGroup(): string | undefined { return this.readCustomerGroup(readCookie(this.headers.cookie, "X-Magento-Vary")); }
}
