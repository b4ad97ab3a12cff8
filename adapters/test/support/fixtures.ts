import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A recorded Magento answer from test/fixtures, parsed fresh each call so tests can mutate it. */
export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures", `${name}.json`), "utf8")) as T;
}

/** Sets a value at a dotted path (`price_range.minimum_price.final_price.value`) inside a copy. */
export function withPath<T>(source: T, path: string, value: unknown): T {
  const copy = structuredClone(source) as Record<string, unknown>;
  const parts = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as T;
}
