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

/** The TCP connection to an upstream did not open within the connect timeout. */
export class UpstreamConnectTimeoutError extends ProxyError {
  constructor(upstream: string, ms: number) {
    super("UPSTREAM_CONNECT_TIMEOUT", `connect to ${upstream} timed out after ${ms} ms`);
  }
}

/** The upstream went silent longer than the response timeout. */
export class UpstreamTimeoutError extends ProxyError {
  constructor(upstream: string, ms: number) {
    super("UPSTREAM_TIMEOUT", `${upstream} sent nothing for ${ms} ms`);
  }
}

/** Magento's GraphQL `route` query could not say what a path is. */
export class PageTypeResolutionError extends ProxyError {
  constructor(path: string, options?: { cause?: unknown }) {
    super("PAGE_TYPE_UNRESOLVED", `could not resolve the page type of ${path}`, options);
  }
}

/** Where a forwarding failure happened; the stage decides the status and whether a replay is safe. */
export type FailureStage = "connect" | "timeout" | "reset" | "status";

/** Sorts a forwarding error into a stage (YARP style). */
export function classifyUpstreamError(error: unknown): FailureStage {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === "UPSTREAM_TIMEOUT") return "timeout";
  if (code === "UPSTREAM_CONNECT_TIMEOUT" || code === "ECONNREFUSED" || code === "EHOSTUNREACH"
    || code === "ENOTFOUND" || code === "EADDRNOTAVAIL" || code === "ENETUNREACH") return "connect";
  return "reset";
}
