// Turns whatever went wrong talking to Magento into one of our typed errors, in one place.
import { AdapterError, MagentoInputError, MagentoTimeoutError, MagentoUnavailableError } from "../errors.ts";

export interface MagentoErrorPayload {
  message?: unknown;
  extensions?: { category?: unknown } | null;
}

/** GraphQL `errors[]` → typed error. Magento's `internal` category means its own failure, not the caller's. */
export function mapGraphqlErrors(operation: string, errors: MagentoErrorPayload[], status: number): AdapterError {
  const messages = errors.map((error) => (typeof error.message === "string" ? error.message : "unknown error"));
  const category = errors.map((error) => error.extensions?.category).find((value) => typeof value === "string");
  if (category === "internal" || status >= 500) {
    return new MagentoUnavailableError(operation, status, { reason: `failed internally (${messages.join("; ")})`, cause: errors });
  }
  return new MagentoInputError(operation, typeof category === "string" ? category : "graphql", messages, { cause: errors });
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === "TimeoutError" || error.name === "AbortError" || code === "ECONNABORTED" || code === "ETIMEDOUT";
}

/** Transport failures (no usable HTTP answer): timeout, refused, reset, DNS. */
export function mapTransportError(operation: string, error: unknown, timeoutMs: number): AdapterError {
  if (error instanceof AdapterError) return error;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  if (isTimeout(error) || isTimeout(cause)) return new MagentoTimeoutError(operation, timeoutMs, { cause: error });
  return new MagentoUnavailableError(operation, undefined, { cause: error });
}

/** An HTTP answer that is not a usable GraphQL/REST body. */
export function mapHttpStatus(operation: string, status: number, body: string): AdapterError {
  if (status >= 500) return new MagentoUnavailableError(operation, status, { cause: body.slice(0, 500) });
  const category = status === 401 ? "graphql-authentication" : status === 403 ? "graphql-authorization" : `http-${status}`;
  return new MagentoInputError(operation, category, [body.slice(0, 200) || `HTTP ${status}`], { cause: body.slice(0, 500) });
}
