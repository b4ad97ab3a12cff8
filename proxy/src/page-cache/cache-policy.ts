// What the shared page cache may keep and whom it may answer: pure rules, no I/O, table-tested.
// A request is looked up only when it is an anonymous-looking GET/HEAD the router sent to a new side
// (never legacy: Magento has its own full-page cache), with nothing that makes it personal or special
// (an engineer's debug or forced request, credentials, Next's preview cookie, a client-side navigation's
// RSC request, a Range). An answer is kept only when the new side marked it shareable: Cache-Control with
// s-maxage or max-age (public allowed; private, no-store and no-cache refuse), Magento-style cache tags to
// purge it by, no Set-Cookie, and a Vary naming only what the key already holds.

export interface RequestFacts {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  hasBody: boolean;
  debug: boolean;
  forced: boolean;
  /** The upstream the decision sent this request to. */
  target: string;
}

export type BypassReason = "method" | "legacy" | "debug" | "credentials" | "preview" | "navigation" | "range" | "body";

/** Headers a Next.js client navigation or server action sends: their answers are RSC payloads, not pages. */
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];
const PREVIEW_COOKIE = /(?:^|;\s*)(?:__prerender_bypass|__next_preview_data)=/;

/** Why this request must not be answered from (or fill) the shared cache; undefined when it may. */
export function bypassReason(req: RequestFacts): BypassReason | undefined {
  if (req.method !== "GET" && req.method !== "HEAD") return "method";
  if (req.target === "legacy") return "legacy";
  if (req.debug || req.forced) return "debug";
  if (req.hasBody) return "body";
  const h = req.headers;
  if (h.authorization !== undefined) return "credentials";
  if (h.range !== undefined) return "range";
  const cookie = h.cookie;
  if (typeof cookie === "string" && PREVIEW_COOKIE.test(cookie)) return "preview";
  for (const name of NAVIGATION_HEADERS) if (h[name] !== undefined) return "navigation";
  return undefined;
}

/** Vary names whose request values are in the key, or which a looked-up request never carries. */
const KEYED_VARY = new Set(["accept-encoding", ...NAVIGATION_HEADERS]);
const STORABLE_STATUS = new Set([200, 301, 404, 410]);
const TAG = /^[A-Za-z0-9_:.-]{1,200}$/;
export const MAX_TAGS = 2000;

export interface StoreLimits {
  /** Longest freshness kept, whatever the answer says. */
  maxTtlMs: number;
  /** Longest time a stale copy may answer while one request refreshes it. */
  maxStaleMs: number;
}

export interface Storable {
  ttlMs: number;
  staleMs: number;
}

export type NotStorable = "status" | "cache-control" | "set-cookie" | "vary";

/**
 * Whether an answer (status, headers as lower-cased name → joined value) may be kept, and for how long.
 * Tags are checked apart (they may come from the body).
 */
export function readStorable(status: number, headers: ReadonlyMap<string, string>, limits: StoreLimits): Storable | NotStorable {
  if (!STORABLE_STATUS.has(status)) return "status";
  if (headers.has("set-cookie")) return "set-cookie";
  const vary = headers.get("vary");
  if (vary !== undefined && vary.split(",").some((name) => !KEYED_VARY.has(name.trim().toLowerCase()))) return "vary";
  const directives = parseCacheControl(headers.get("cache-control") ?? "");
  if (directives.has("private") || directives.has("no-store") || directives.has("no-cache")) return "cache-control";
  const ageSeconds = seconds(directives.get("s-maxage")) ?? seconds(directives.get("max-age"));
  if (ageSeconds === undefined || ageSeconds <= 0) return "cache-control";
  const staleSeconds = seconds(directives.get("stale-while-revalidate")) ?? 0;
  return { ttlMs: Math.min(ageSeconds * 1000, limits.maxTtlMs), staleMs: Math.min(staleSeconds * 1000, limits.maxStaleMs) };
}

function parseCacheControl(value: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of value.split(",")) {
    const [name, arg] = part.split("=", 2);
    const key = name!.trim().toLowerCase();
    if (key !== "") directives.set(key, (arg ?? "").trim().replace(/^"|"$/g, ""));
  }
  return directives;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

const META_TAGS = /<meta\s+name="x-magento-tags"\s+content="([^"]*)"/g;

/**
 * The answer's cache tags: Magento's X-Magento-Tags header (comma-separated), or, for a page whose
 * framework cannot set headers (Next.js pages), `<meta name="x-magento-tags" content="a,b">` in its HTML.
 * Malformed tags are dropped; an answer without any is not kept (nothing could purge it).
 */
export function readTags(header: string | undefined, html: string | undefined): string[] {
  const found = new Set<string>();
  const add = (list: string) => {
    for (const tag of list.split(/[,\s]+/)) if (TAG.test(tag) && found.size < MAX_TAGS) found.add(tag);
  };
  if (header !== undefined) add(header);
  if (html !== undefined) for (const match of html.matchAll(META_TAGS)) add(match[1]!);
  return [...found];
}
