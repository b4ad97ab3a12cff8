import type { GraphQLError, GraphQLFormattedError } from "graphql";
import { GraphQlError, type GraphQlCategory } from "../errors.ts";
import {
  AlreadyExistsError, AuthenticationError, AuthorizationError, CommerceError, InputError, NoSuchEntityError,
} from "../commerce/index.ts";

/** A Magento GraphQL error entry: message, locations, path, extensions.category. */
export interface MagentoFormattedError extends GraphQLFormattedError {
  extensions: { category: GraphQlCategory | "internal" };
}

/**
 * Shapes an error as Magento does: its own exceptions keep message and category; an
 * unexpected failure is hidden behind "Internal server error" (production mode) and logged.
 */
export function formatGraphQlError(error: GraphQLError, log: (error: unknown) => void): MagentoFormattedError {
  const category = categorize(error.originalError ?? undefined);
  const internal = category === "internal";
  if (internal) log(error.originalError);
  return {
    message: internal ? "Internal server error" : error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { category },
  };
}

function categorize(original: Error | undefined): GraphQlCategory | "internal" {
  if (!original) return "graphql";
  if (original instanceof GraphQlError) return original.category;
  if (original instanceof NoSuchEntityError) return "graphql-no-such-entity";
  if (original instanceof AuthorizationError) return "graphql-authorization";
  if (original instanceof AuthenticationError) return "graphql-authentication";
  if (original instanceof AlreadyExistsError) return "graphql-already-exists";
  if (original instanceof InputError || original instanceof CommerceError) return "graphql-input";
  // graphql-js's own errors (variable coercion…) are graphql-php's plain "graphql" errors.
  if (original.name === "GraphQLError") return "graphql";
  return "internal";
}

/** 401 for authentication, 403 for authorization (GraphQl controller, 2.4.8); otherwise 200. */
export function statusForErrors(errors: readonly MagentoFormattedError[]): number {
  if (errors.some((e) => e.extensions.category === "graphql-authentication")) return 401;
  if (errors.some((e) => e.extensions.category === "graphql-authorization")) return 403;
  return 200;
}
