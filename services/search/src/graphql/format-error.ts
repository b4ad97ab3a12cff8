// Errors as Magento shapes them: message, locations, path, extensions.category. A refusal adds
// `extensions.unsupported` (what was outside the served set); an unexpected failure is hidden behind
// "Internal server error" and logged.
import type { GraphQLError } from "graphql";
import { IndexNotReadyError, SearchInputError, UnsupportedOperationError } from "../errors.ts";

export interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: { category: "graphql" | "graphql-input" | "internal"; unsupported?: string[] };
}

export function formatError(error: GraphQLError, log: (error: unknown) => void): FormattedError {
  const original = error.originalError ?? undefined;
  const where = { ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}) };
  if (original instanceof UnsupportedOperationError) return { message: original.message, extensions: { category: "graphql", unsupported: original.unsupported } };
  if (original instanceof SearchInputError) return { message: original.message, ...where, extensions: { category: "graphql-input" } };
  if (original instanceof IndexNotReadyError) return { message: original.message, ...where, extensions: { category: "graphql" } };
  // graphql-js's own errors (syntax, validation, variable coercion) are Magento's plain "graphql" ones.
  if (!original || original.name === "GraphQLError") return { message: error.message, ...where, extensions: { category: "graphql" } };
  log(original);
  return { message: "Internal server error", ...where, extensions: { category: "internal" } };
}
