/** Errors of the sandbox. Every error has a stable `code`; wrapped failures keep their `cause`. */
export class SandboxError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The sample data could not be read or is inconsistent. */
export class SampleDataError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SAMPLE_DATA", message, options);
  }
}

/** A catalog operation named something that does not exist (tests' `setPrice` on a bad sku…). */
export class CatalogError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CATALOG", message, options);
  }
}

/** Bad environment configuration at start-up. */
export class ConfigError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CONFIG", message, options);
  }
}

/** Magento's GraphQL error categories (`extensions.category`). */
export type GraphQlCategory =
  | "graphql-input"
  | "graphql-no-such-entity"
  | "graphql-authorization"
  | "graphql-authentication"
  | "graphql-already-exists"
  | "graphql";

/** An error a resolver throws on purpose; GraphQL shows its message and category. */
export class GraphQlError extends SandboxError {
  readonly category: GraphQlCategory;

  constructor(category: GraphQlCategory, message: string, options?: { cause?: unknown }) {
    super(category.toUpperCase().replace(/-/g, "_"), message, options);
    this.category = category;
  }
}

/** GraphQlInputException. */
export class GraphQlInputError extends GraphQlError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("graphql-input", message, options);
  }
}

/** GraphQlNoSuchEntityException. */
export class GraphQlNoSuchEntityError extends GraphQlError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("graphql-no-such-entity", message, options);
  }
}

/** GraphQlAuthorizationException. */
export class GraphQlAuthorizationError extends GraphQlError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("graphql-authorization", message, options);
  }
}

/** A schema field the sandbox does not implement: an error, never a silent null. */
export class GraphQlNotImplementedError extends GraphQlError {
  constructor(coordinate: string) {
    super("graphql", `Field "${coordinate}" is not supported by the Magento sandbox.`);
  }
}
