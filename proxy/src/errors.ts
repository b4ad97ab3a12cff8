// One base error for the proxy: a stable `code` for logs and tests, the original failure as `cause`.
export class ProxyError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An environment variable failed validation; start-up stops with this message. */
export class ConfigError extends ProxyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CONFIG_INVALID", message, options);
  }
}

/** A request the proxy refuses before routing (bad path encoding, open-proxy attempt, …). */
export class RequestRefusedError extends ProxyError {
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(code, message);
    this.status = status;
  }
}

/** The shopper's request body arrived slower than the minimum rate; the request ends with 408. */
export class RequestBodyTooSlowError extends ProxyError {
  constructor(minBytesPerSecond: number, windowMs: number) {
    super("REQUEST_BODY_TOO_SLOW", `the request body arrived slower than ${minBytesPerSecond} bytes/s over ${windowMs} ms`);
  }
}

/** No connection to the upstream came free in time, or its wait queue was full; the shopper gets 503. */
export class UpstreamBusyError extends ProxyError {
  constructor(upstream: string, reason: "queue-full" | "queue-timeout", detail: number) {
    super(reason === "queue-full" ? "UPSTREAM_QUEUE_FULL" : "UPSTREAM_QUEUE_TIMEOUT", reason === "queue-full"
      ? `${upstream}: ${detail} requests already wait for a connection`
      : `${upstream}: no connection came free within ${detail} ms`);
  }
}

/** Magento's GraphQL `route` query could not say what a path is. */
export class PageTypeResolutionError extends ProxyError {
  constructor(path: string, options?: { cause?: unknown }) {
    super("PAGE_TYPE_UNRESOLVED", `could not resolve the page type of ${path}`, options);
  }
}

/**
 * Where a forwarding attempt failed (YARP's ForwarderError stages). The stage decides the status the shopper
 * gets and whether the request may go elsewhere: only a GET/HEAD, only before the first byte reached the shopper.
 * - `queue`: no upstream connection came free in time (503)
 * - `connect`: the connection did not open (502)
 * - `request-body`: the body failed on its way (the shopper's side: 408/400; the upstream's: 502)
 * - `response-head`: the upstream reset or stayed silent before its status line (502/504)
 * - `response-body`: the answer broke after its head (the shopper's connection is cut)
 * - `status`: the upstream answered 5xx
 */
export type ForwardStage = "queue" | "circuit" | "connect" | "request-body" | "response-head" | "response-body" | "status";

/** A failed forwarding attempt: its stage, whether a timeout ended it, and whether the shopper's side caused it. */
export class ForwardError extends ProxyError {
  readonly stage: ForwardStage;
  readonly timedOut: boolean;
  readonly byShopper: boolean;
  constructor(stage: ForwardStage, upstream: string, cause: unknown, flags: { timedOut?: boolean; byShopper?: boolean } = {}) {
    const timedOut = flags.timedOut ?? false;
    const byShopper = flags.byShopper ?? false;
    const code = `FORWARD_${stage.toUpperCase().replace("-", "_")}${timedOut ? "_TIMEOUT" : ""}`;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(code, `${upstream}: ${stage}${timedOut ? " timed out" : " failed"}${byShopper ? " on the shopper's side" : ""}: ${reason}`, { cause });
    this.stage = stage;
    this.timedOut = timedOut;
    this.byShopper = byShopper;
  }
}
