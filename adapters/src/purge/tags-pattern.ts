// Magento's purge pattern, read as data: never compiled as a regex, so a hostile pattern cannot make
// a backtracking engine spin. Magento's PurgeCache sends `((^|,)<tag>(,|$))` alternatives joined by
// `|` for tag invalidations, and exactly `.*` for a full flush; anything else is refused.
import type { PurgeScope } from "../adapters.ts";
import { PurgeRefusedError } from "../errors.ts";

const OPEN = "((^|,)";
const CLOSE = "(,|$))";
const SEPARATOR = `${CLOSE}|${OPEN}`;
const TAG_CHARS = new Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-");
export const MAX_TAG_LENGTH = 200;

/** A Magento cache tag as the purge endpoint accepts it: 1 to 200 of letters, digits, `_ . : -`. */
export function isCacheTag(value: string): boolean {
  if (value.length === 0 || value.length > MAX_TAG_LENGTH) return false;
  for (const char of value) if (!TAG_CHARS.has(char)) return false;
  return true;
}

const REFUSAL = "X-Magento-Tags-Pattern must be Magento's ((^|,)<tag>(,|$)) alternatives joined by | "
  + `(tags of 1 to ${MAX_TAG_LENGTH} letters, digits, _ . : -), or exactly .* for a full flush`;

/** Throws PurgeRefusedError (400) for anything but Magento's tag list or `.*`. */
export function parseTagsPattern(pattern: string): PurgeScope {
  if (pattern === ".*") return { all: true };
  if (!pattern.startsWith(OPEN) || !pattern.endsWith(CLOSE) || pattern.length <= OPEN.length + CLOSE.length) {
    throw new PurgeRefusedError(400, REFUSAL);
  }
  const tags = pattern.slice(OPEN.length, -CLOSE.length).split(SEPARATOR);
  if (!tags.every(isCacheTag)) throw new PurgeRefusedError(400, REFUSAL);
  return { all: false, tags: [...new Set(tags)] };
}
