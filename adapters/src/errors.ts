// One error family for the package: every failure a caller can act on has a stable `code` and the
// original `cause`. A missing entity is never an error (functions return `undefined`).

export type AdapterErrorCode =
  | "MAGENTO_TIMEOUT"
  | "MAGENTO_UNAVAILABLE"
  | "MAGENTO_SHAPE"
  | "MAGENTO_INPUT"
  | "ADAPTER_CONFIG"
  | "INVALID_ARGUMENT"
  | "CACHE_UNAVAILABLE"
  | "PURGE_REFUSED";

export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  constructor(code: AdapterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AdapterError";
    this.code = code;
  }
}

/** Magento did not answer within `timeoutMs`. Safe to retry for reads. */
export class MagentoTimeoutError extends AdapterError {
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number, options?: { cause?: unknown }) {
    super("MAGENTO_TIMEOUT", `Magento did not answer ${operation} within ${timeoutMs} ms`, options);
    this.name = "MagentoTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** Magento answered 5xx, or could not be reached at all (connection refused, reset, DNS). */
export class MagentoUnavailableError extends AdapterError {
  readonly status?: number;
  constructor(operation: string, status: number | undefined, options?: { cause?: unknown; reason?: string }) {
    const why = options?.reason ?? (status === undefined ? "could not be reached" : `answered HTTP ${status}`);
    super("MAGENTO_UNAVAILABLE", `Magento ${why} for ${operation}`, options);
    this.name = "MagentoUnavailableError";
    this.status = status;
  }
}

/** Magento answered, but not in the shape the schema promises (missing field, null, bad number). */
export class MagentoShapeError extends AdapterError {
  readonly path: string;
  constructor(what: string, path: string, detail: string, options?: { cause?: unknown }) {
    super("MAGENTO_SHAPE", `Unexpected Magento answer for ${what} at ${path || "(root)"}: ${detail}`, options);
    this.name = "MagentoShapeError";
    this.path = path;
  }
}

/**
 * Magento rejected the request: GraphQL errors with `extensions.category` such as
 * `graphql-input`, `graphql-authorization`, `graphql-authentication`, `graphql-no-such-entity`,
 * or a REST 4xx. `category` carries Magento's word for it.
 */
export class MagentoInputError extends AdapterError {
  readonly category: string;
  readonly messages: string[];
  constructor(operation: string, category: string, messages: string[], options?: { cause?: unknown }) {
    super("MAGENTO_INPUT", `Magento rejected ${operation} (${category}): ${messages.join("; ")}`, options);
    this.name = "MagentoInputError";
    this.category = category;
    this.messages = messages;
  }
}

/** The options passed to createAdapters are wrong. */
export class AdapterConfigError extends AdapterError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("ADAPTER_CONFIG", message, options);
    this.name = "AdapterConfigError";
  }
}

/** A caller passed an argument the adapters cannot send (empty url key, page 0…). */
export class InvalidArgumentError extends AdapterError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super("INVALID_ARGUMENT", `${argument}: ${message}`);
    this.name = "InvalidArgumentError";
    this.argument = argument;
  }
}

/**
 * A purge could not reach the shared cache (Redis down). Reads degrade silently, purges do not:
 * whoever sent the purge must learn that entries may stay until their TTL ends.
 */
export class CacheUnavailableError extends AdapterError {
  constructor(operation: string, options?: { cause?: unknown }) {
    super("CACHE_UNAVAILABLE", `The shared cache is unavailable; ${operation} did not happen`, options);
    this.name = "CacheUnavailableError";
  }
}

/**
 * The purge endpoint refused a request before purging anything: not allowed (401/403), a pattern that
 * is not Magento's tag list (400), a full flush while those are disabled (403). `status` is the HTTP answer.
 */
export class PurgeRefusedError extends AdapterError {
  readonly status: 400 | 401 | 403 | 405 | 413;
  constructor(status: 400 | 401 | 403 | 405 | 413, message: string, options?: { cause?: unknown }) {
    super("PURGE_REFUSED", message, options);
    this.name = "PurgeRefusedError";
    this.status = status;
  }
}
