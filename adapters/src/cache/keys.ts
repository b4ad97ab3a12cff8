// The one cache key builder. Magento varies catalog answers by store view, currency and customer
// group (prices, visibility), so all three are in every key; arguments are sorted JSON so that
// `{a,b}` and `{b,a}` share a key.
import { createHash } from "node:crypto";

export interface CacheScope {
  store: string;
  currency: string;
  customerGroup: string;
}

const KEY_VERSION = "v1";

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The resource a key was built for (`product`, `category`, …): the area metrics are labelled by. */
export function areaOfKey(key: string): string {
  const [version, resource] = key.split(":", 2);
  return version === KEY_VERSION && resource ? resource : "unknown";
}

/** e.g. `v1:product:default:USD:0:{"urlKey":"joust-duffle-bag"}`; long arguments are hashed. */
export function buildCacheKey(resource: string, args: unknown, scope: CacheScope): string {
  let argPart = stableStringify(args);
  if (argPart.length > 200) argPart = createHash("sha256").update(argPart).digest("base64url");
  return `${KEY_VERSION}:${resource}:${scope.store}:${scope.currency || "-"}:${scope.customerGroup || "0"}:${argPart}`;
}
