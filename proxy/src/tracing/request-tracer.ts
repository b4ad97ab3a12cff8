// One request's spans, named and attributed by the HTTP semantic conventions: a SERVER span named by the
// method (`GET`), continuing the caller's traceparent; under it `decide` (each time the router decided),
// `page-type lookup`, one CLIENT span per upstream attempt (a replay to the fallback or a stale-socket
// retry is another attempt, with http.request.resend_count) and `response` (head written to the end).
// Each attempt's traceparent names that attempt, so the upstream's spans hang under it. The shop handler
// creates one only when traces are exported; spans are passed explicitly, no async context is used.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Attributes, Context, Span, Tracer } from "@opentelemetry/api";
import {
  ATTR_CLIENT_ADDRESS, ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_REQUEST_RESEND_COUNT, ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_NETWORK_PROTOCOL_VERSION, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_FULL, ATTR_URL_PATH, ATTR_URL_QUERY, ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from "@opentelemetry/semantic-conventions";
import type { IncomingMessage } from "node:http";
import type { AttemptTrace, ForwardTrace } from "../forward/forward-trace.ts";
import { setTraceparent } from "../forward/request-head.ts";
import type { Upstream } from "../forward/upstream.ts";
import type { Decision } from "../routing/route-table.ts";
import { formatTraceparent, parseTraceparent } from "./trace-context.ts";

/** The request's facts a server span records (most are read when it ends: a refused request has few). */
export interface TracedRequest {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly host: string;
  readonly proto: string;
  readonly remoteAddress: string | undefined;
  readonly userAgent: string | undefined;
  traceId: string;
  traceparent: string;
  readonly requestId: string;
}

export interface FinishedRequest extends TracedRequest {
  /** What the shopper got; 499 when the response was cut before its end. */
  readonly finalStatus: number;
  readonly decision: Decision | undefined;
  /** The forwarding stage that failed, if one did. */
  readonly failure: string | undefined;
}

export interface LookupTrace {
  /** The lookup's traceparent, for the GraphQL call it makes to legacy. */
  readonly traceparent: string;
  end(result: string): void;
}

export interface RequestTrace extends ForwardTrace {
  /** A decision made since `startedAt` (performance.now()). */
  recordDecide(startedAt: number, decision: Decision | undefined): void;
  startLookup(): LookupTrace;
  end(request: FinishedRequest): void;
}

export interface RequestTracer {
  /** Starts the server span; sets the request's traceId and traceparent to it. */
  startRequest(request: TracedRequest): RequestTrace;
}

/** Methods the semantic conventions know; any other is recorded as `_OTHER`, and names its span `HTTP`. */
const KNOWN_METHODS = new Set(["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"]);

export function createRequestTracer(tracer: Tracer): RequestTracer {
  return {
    startRequest(request) {
      const parent = parseTraceparent(request.traceparent);
      const parentContext = parent === undefined ? ROOT_CONTEXT
        : trace.setSpanContext(ROOT_CONTEXT, { traceId: parent.traceId, spanId: parent.spanId, traceFlags: parent.sampled ? 1 : 0, isRemote: true });
      const known = KNOWN_METHODS.has(request.method);
      const attributes: Attributes = {
        [ATTR_HTTP_REQUEST_METHOD]: known ? request.method : "_OTHER",
        [ATTR_NETWORK_PROTOCOL_VERSION]: request.req.httpVersion,
        "strangler.request_id": request.requestId,
      };
      if (request.remoteAddress !== undefined) attributes[ATTR_CLIENT_ADDRESS] = request.remoteAddress;
      if (request.userAgent !== undefined) attributes[ATTR_USER_AGENT_ORIGINAL] = request.userAgent;
      const span = tracer.startSpan(known ? request.method : "HTTP", { kind: SpanKind.SERVER, attributes }, parentContext);
      const context = span.spanContext();
      request.traceId = context.traceId;
      request.traceparent = traceparentOf(span);
      return new OtelRequestTrace(tracer, span, trace.setSpan(ROOT_CONTEXT, span));
    },
  };
}

class OtelRequestTrace implements RequestTrace {
  #tracer: Tracer;
  #span: Span;
  #context: Context;
  #response: Span | undefined = undefined;
  #attempts = 0;

  constructor(tracer: Tracer, span: Span, context: Context) {
    this.#tracer = tracer;
    this.#span = span;
    this.#context = context;
  }

  recordDecide(startedAt: number, decision: Decision | undefined): void {
    const span = this.#tracer.startSpan("decide", { startTime: startedAt, attributes: decision === undefined ? {} : decisionAttributes(decision) }, this.#context);
    if (decision === undefined) span.setAttribute("strangler.waits_for", "page type or GraphQL body");
    span.end();
  }

  startLookup(): LookupTrace {
    const span = this.#tracer.startSpan("page-type lookup", {}, this.#context);
    return {
      traceparent: traceparentOf(span),
      end(result) {
        span.setAttribute("strangler.page_type", result);
        if (result === "failed") span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      },
    };
  }

  startAttempt(upstream: Upstream, method: string, path: string, head: string[]): AttemptTrace {
    const url = upstream.url;
    const attributes: Attributes = {
      [ATTR_HTTP_REQUEST_METHOD]: KNOWN_METHODS.has(method) ? method : "_OTHER",
      [ATTR_SERVER_ADDRESS]: url.hostname,
      [ATTR_SERVER_PORT]: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
      [ATTR_URL_FULL]: url.origin + path,
      "strangler.upstream": upstream.name,
    };
    if (this.#attempts > 0) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = this.#attempts;
    this.#attempts++;
    const span = this.#tracer.startSpan(KNOWN_METHODS.has(method) ? method : "HTTP", { kind: SpanKind.CLIENT, attributes }, this.#context);
    setTraceparent(head, traceparentOf(span));
    return new OtelAttemptTrace(span);
  }

  startResponse(): void {
    this.#response ??= this.#tracer.startSpan("response", {}, this.#context);
  }

  end(request: FinishedRequest): void {
    const span = this.#span;
    const { finalStatus: status, decision, failure } = request;
    // Read now, not at the start: the request was read (path normalized, store and scheme settled) after it.
    span.setAttributes({ [ATTR_URL_PATH]: request.path || (request.req.url ?? ""), [ATTR_URL_SCHEME]: request.proto, [ATTR_SERVER_ADDRESS]: request.host || "-" });
    if (request.search !== "") span.setAttribute(ATTR_URL_QUERY, request.search.slice(1));
    if (status > 0) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    if (decision !== undefined) span.setAttributes(decisionAttributes(decision));
    if (failure !== undefined) span.setAttribute("strangler.failure", failure);
    // Server spans: only a 5xx (or a cut response) is the server's error; a 4xx is the client's.
    if (status >= 500 || status === 499) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute(ATTR_ERROR_TYPE, status === 499 ? "response_cut" : String(status));
    }
    this.#response?.end();
    span.end();
  }
}

class OtelAttemptTrace implements AttemptTrace {
  #span: Span;
  #ended = false;

  constructor(span: Span) {
    this.#span = span;
  }

  onHead(status: number): void {
    this.#span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    // Client spans: any 4xx or 5xx answer is an error of the call.
    if (status >= 400) this.#span.setAttributes({ [ATTR_ERROR_TYPE]: String(status) }).setStatus({ code: SpanStatusCode.ERROR });
  }

  end(error: Error | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) {
      this.#span.setAttribute(ATTR_ERROR_TYPE, error.name);
      this.#span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    this.#span.end();
  }
}

function decisionAttributes(decision: Decision): Attributes {
  const attributes: Attributes = { "strangler.target": decision.target, "strangler.reason": decision.reason };
  if (decision.planId !== undefined) attributes["strangler.plan"] = decision.planId;
  if (decision.routeId !== undefined) attributes["strangler.route"] = decision.routeId;
  return attributes;
}

function traceparentOf(span: Span): string {
  const context = span.spanContext();
  return formatTraceparent(context.traceId, context.spanId, (context.traceFlags & 1) === 1);
}
