// What the load asks for, in a fixed cycle of ten: six GETs of pages a plan sends to the new side (pages
// legacy has too, so a fallback is a real page), two GETs of legacy-only pages, one POST the plan sends to
// the new side and one POST to legacy (Magento's GraphQL). Every POST carries an id unique to the run.
import type { RequestKind, ShopRequest, ShopResult } from "./load.ts";

export interface ShopMix {
  /** Unique per fault run; prefixes the POST ids. */
  runId: string;
  /** Paths a plan routes to the new side. */
  newPages: readonly string[];
  /** Paths no plan routes. */
  legacyPages: readonly string[];
  /** Cookie header every GET carries (the cart shopper's session), if any. */
  cookie?: string;
}

const CYCLE: readonly RequestKind[] = ["new-get", "new-get", "legacy-get", "new-get", "new-post", "new-get", "new-get", "legacy-get", "new-get", "legacy-post"];
const STORE_CONFIG_QUERY = JSON.stringify({ query: "{ storeConfig { store_code } }" });

export function mixedRequest(mix: ShopMix, index: number): ShopRequest {
  const kind = CYCLE[index % CYCLE.length]!;
  const turn = Math.floor(index / CYCLE.length);
  const postId = `${mix.runId}-${index}`;
  switch (kind) {
    case "new-post":
      return { kind, method: "POST", path: `/fault/post/${postId}`, postId, body: `id=${postId}`, headers: { "content-type": "application/x-www-form-urlencoded" } };
    case "legacy-post":
      return { kind, method: "POST", path: "/graphql", postId, body: STORE_CONFIG_QUERY, headers: { "content-type": "application/json" } };
    case "legacy-get":
      return { kind, method: "GET", path: mix.legacyPages[turn % mix.legacyPages.length]!, headers: cookieHeader(mix) };
    default:
      return { kind, method: "GET", path: mix.newPages[index % mix.newPages.length]!, headers: cookieHeader(mix) };
  }
}

const cookieHeader = (mix: ShopMix): Record<string, string> => (mix.cookie === undefined ? {} : { cookie: mix.cookie });

/** Which side's answer the shopper got: the test new side answers `new <METHOD> <path>`. */
export function answeredBy(result: ShopResult): "new" | "legacy" | undefined {
  if (result.answer === undefined) return undefined;
  return result.answer.body.startsWith("new ") ? "new" : "legacy";
}
