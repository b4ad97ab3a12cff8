// One error family for the service: every failure has a stable `code` and the original `cause`.
// GraphQL answers map them to Magento's categories in graphql/format-error.ts.

export type SearchErrorCode =
  | "SEARCH_CONFIG"
  | "UNSUPPORTED_OPERATION"
  | "SEARCH_INPUT"
  | "ENGINE"
  | "CATALOG_SOURCE"
  | "INDEX_NOT_READY";

export class SearchServiceError extends Error {
  readonly code: SearchErrorCode;
  constructor(code: SearchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SearchServiceError";
    this.code = code;
  }
}

/** Settings (env or search.config.json) that cannot be used; the message names every problem. */
export class SearchConfigError extends SearchServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SEARCH_CONFIG", message, options);
    this.name = "SearchConfigError";
  }
}

/**
 * The request asks for something this service does not answer (a field, an argument, a mutation,
 * another store…). The whole operation is refused, never half answered, so it belongs to Magento.
 */
export class UnsupportedOperationError extends SearchServiceError {
  readonly unsupported: string[];
  constructor(unsupported: string[]) {
    super("UNSUPPORTED_OPERATION", `The search service does not answer ${unsupported.join(", ")}; send this operation to Magento.`);
    this.name = "UnsupportedOperationError";
    this.unsupported = unsupported;
  }
}

/** Bad arguments, worded as Magento words them (graphql-input). */
export class SearchInputError extends SearchServiceError {
  constructor(message: string) {
    super("SEARCH_INPUT", message);
    this.name = "SearchInputError";
  }
}

/** The index store failed (PostgreSQL unreachable, a query error). */
export class EngineError extends SearchServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("ENGINE", message, options);
    this.name = "EngineError";
  }
}

/** Reading the catalog through the adapters failed. */
export class CatalogSourceError extends SearchServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CATALOG_SOURCE", message, options);
    this.name = "CatalogSourceError";
  }
}

/** The index has not been built yet (start-up). */
export class IndexNotReadyError extends SearchServiceError {
  constructor() {
    super("INDEX_NOT_READY", "The search index is still being built; try again shortly.");
    this.name = "IndexNotReadyError";
  }
}
