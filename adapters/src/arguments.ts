// Argument checks at the public edge, so a bad call fails with a clear message before any I/O.
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
