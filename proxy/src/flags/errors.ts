// Flag errors. They never reach a shopper's request: evaluate() catches everything; these surface on the
// admin API, at start-up and in the CLI. (Candidates to move under the proxy package's errors.ts base.)
export class FlagsError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A flag write was asked of a provider whose flags live in Unleash. */
export class FlagsManagedElsewhereError extends FlagsError {
  constructor(flagName: string, unleashUrl: string) {
    super(
      "FLAGS_MANAGED_BY_UNLEASH",
      `flag "${flagName}" is managed by Unleash at ${unleashUrl}: change it there (or run \`strangler flags sync\`); only POST /flags/${flagName}/kill works here`,
    );
  }
}

/** The local flag file or the saved Unleash state could not be read or written. */
export class FlagStateError extends FlagsError {
  constructor(message: string, cause?: unknown) {
    super("FLAG_STATE", message, { cause });
  }
}
