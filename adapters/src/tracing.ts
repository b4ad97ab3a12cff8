// Spans for the adapters' calls to Magento (GraphQL, REST) and to the Redis cache, through
// @opentelemetry/api only, as a library should: the host app registers the SDK (new-frontend's
// instrumentation.ts) and the spans nest under its request span; without one every call here is a no-op.
// HTTP calls carry the W3C traceparent so Magento's logs join the same trace.
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Attributes, Span } from "@opentelemetry/api";
import {
  ATTR_DB_OPERATION_NAME, ATTR_DB_SYSTEM_NAME, ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_FULL,
} from "@opentelemetry/semantic-conventions";

const tracer = trace.getTracer("@strangler/adapters");

export interface HttpCallSpan {
  /** The answer's status (also 4xx/5xx that end in a typed error). */
  setStatus(status: number): void;
}

/**
 * A CLIENT span named by the method (HTTP semantic conventions) around one call to Magento; `headers`
 * get the span's traceparent. `operation` is the adapters' name for the call (e.g. `products`).
 */
export function traceHttpCall<T>(method: string, url: string, operation: string, headers: Record<string, string>, run: (span: HttpCallSpan) => Promise<T>): Promise<T> {
  const target = new URL(url);
  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: method,
    [ATTR_URL_FULL]: `${target.origin}${target.pathname}`,
    [ATTR_SERVER_ADDRESS]: target.hostname,
    [ATTR_SERVER_PORT]: Number(target.port || (target.protocol === "https:" ? 443 : 80)),
    "strangler.adapter.operation": operation,
  };
  return tracer.startActiveSpan(method, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    propagation.inject(context.active(), headers);
    const handle: HttpCallSpan = {
      setStatus(status) {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        if (status >= 400) failed(span, String(status));
      },
    };
    return finish(span, () => run(handle));
  });
}

/** A CLIENT span around one cache operation on Redis (`get`, `set`, `lock`, `purge`…). */
export function traceRedisCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  const attributes: Attributes = { [ATTR_DB_SYSTEM_NAME]: "redis", [ATTR_DB_OPERATION_NAME]: operation };
  return tracer.startActiveSpan(`redis ${operation}`, { kind: SpanKind.CLIENT, attributes }, (span) => finish(span, run));
}

async function finish<T>(span: Span, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    failed(span, error instanceof Error ? error.name : "Error", error);
    throw error;
  } finally {
    span.end();
  }
}

function failed(span: Span, type: string, error?: unknown): void {
  span.setAttribute(ATTR_ERROR_TYPE, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
}
