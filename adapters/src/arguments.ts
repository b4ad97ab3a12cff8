// Argument checks at the public edge, so a bad call fails with a clear message before any I/O.
import type { RequestContext } from "./domain/context.ts";
import { InvalidArgumentError } from "./errors.ts";

export function requireText(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidArgumentError(name, "must be a non-empty string");
  return value.trim();
}

export function requirePositiveInt(name: string, value: number | undefined, fallback: number, max = 10_000): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidArgumentError(name, `must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** `/women/tops-women.html` → `women/tops-women`. */
export function normalizeUrlPath(name: string, value: unknown): string {
  return requireText(name, value).replace(/^\/+/, "").replace(/\.html$/, "").replace(/\/+$/, "");
}

const contextRules: [keyof RequestContext, RegExp, string][] = [
  ["store", /^[a-z0-9_]{1,64}$/, "must be a Magento store code like `default`"],
  ["currency", /^[A-Z]{3}$/, "must be an ISO 4217 code like `USD`"],
  ["customerGroup", /^[A-Za-z0-9_-]{1,64}$/, "must be a customer group id like `1`"],
  ["customerToken", /^[A-Za-z0-9._~+/=-]{1,4096}$/, "must be a bearer token"],
  ["customerSession", /^[A-Za-z0-9,-]{1,128}$/, "must be a PHP session id like `h3k9…`"],
];

/** ctx values end up in HTTP headers and cache keys: check them before either. */
export function checkContext(ctx: RequestContext): RequestContext {
  for (const [field, pattern, message] of contextRules) {
    const value = ctx[field];
    if (value !== undefined && (typeof value !== "string" || !pattern.test(value))) throw new InvalidArgumentError(`ctx.${field}`, message);
  }
  return ctx;
}
