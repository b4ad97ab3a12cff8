import { SandboxError } from "../errors.ts";

/**
 * Magento's service exceptions. Each keeps the phrase template (`%1` positional or `%name`
 * named placeholders) and its parameters, because REST answers `{ message, parameters }` with
 * the template while GraphQL shows the rendered `message`.
 */
export type PhraseParameters = string[] | Record<string, string>;

export class CommerceError extends SandboxError {
  readonly template: string;
  readonly parameters: PhraseParameters | undefined;

  constructor(code: string, template: string, parameters?: PhraseParameters, options?: { cause?: unknown }) {
    super(code, renderPhrase(template, parameters), options);
    this.template = template;
    this.parameters = parameters;
  }
}

/** NoSuchEntityException: REST 404, GraphQL graphql-no-such-entity. */
export class NoSuchEntityError extends CommerceError {
  constructor(template: string, parameters?: PhraseParameters) {
    super("NO_SUCH_ENTITY", template, parameters);
  }
}

/** AuthorizationException: REST 401, GraphQL graphql-authorization. */
export class AuthorizationError extends CommerceError {
  constructor(template: string, parameters?: PhraseParameters) {
    super("AUTHORIZATION", template, parameters);
  }
}

/** AuthenticationException (bad credentials): REST 401, GraphQL graphql-authentication. */
export class AuthenticationError extends CommerceError {
  constructor(template: string, parameters?: PhraseParameters) {
    super("AUTHENTICATION", template, parameters);
  }
}

/** InputException / LocalizedException: REST 400, GraphQL graphql-input. */
export class InputError extends CommerceError {
  /** addProductsToCart user_errors code when the failure is about one line. */
  readonly userErrorCode: string;

  constructor(template: string, parameters?: PhraseParameters, userErrorCode = "UNDEFINED") {
    super("INPUT", template, parameters);
    this.userErrorCode = userErrorCode;
  }
}

/** AlreadyExistsException: REST 400, GraphQL graphql-already-exists. */
export class AlreadyExistsError extends CommerceError {
  constructor(template: string, parameters?: PhraseParameters) {
    super("ALREADY_EXISTS", template, parameters);
  }
}

/** Fills `%1`… or `%name` placeholders as Magento's Phrase renderer does. */
export function renderPhrase(template: string, parameters?: PhraseParameters): string {
  if (!parameters) return template;
  if (Array.isArray(parameters)) {
    return template.replace(/%(\d+)/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
  }
  return template.replace(/%([a-zA-Z_]\w*)/g, (whole, name: string) => parameters[name] ?? whole);
}

export const messages = {
  cartNotFound: 'Could not find a cart with ID "%1"',
  cartInactive: "Current user does not have an active cart.",
  cartForbidden: 'The current user cannot perform operations on cart "%1"',
  productNotFound: "The product that was requested doesn't exist. Verify the product and try again.",
  signInIncorrect:
    "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.",
  itemNotInCart: "The %1 Cart doesn't contain the %2 item.",
} as const;
