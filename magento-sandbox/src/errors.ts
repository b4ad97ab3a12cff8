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
