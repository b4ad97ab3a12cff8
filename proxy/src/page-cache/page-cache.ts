// The shared full-page cache for the new side's anonymous pages, at one seam between the router's decision
// and the forwarder (shop-handler.ts): a request the router sent to a new side is answered from memory
// when a fresh copy is kept under its key (cache-key.ts), and otherwise forwarded as always, the answer
// filling the cache on its way to the shopper (answer-fill.ts) when the new side marked it shareable
// (cache-policy.ts). One request per key goes to the new side at a time (single flight): while it runs,
// the others get the stale copy if there is one (stale-while-revalidate), else wait for it. Purges come by
// Magento's cache tags (purge(), from the admin API or the Redis purge channel); a fill that began before
// a purge of one of its tags is not kept, and each purge is repeated once a moment later, so a page the
// new side rendered just before it heard of the same purge does not outlive it.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AnswerTap } from "../forward/answer-tap.ts";
import type { ForwardResult } from "../forward/forward-job.ts";
import { makeAnswerPrivate } from "../forward/private-answer.ts";
import type { Upstream } from "../forward/upstream.ts";
import type { Decision } from "../routing/route-table.ts";
import { AnswerFill } from "./answer-fill.ts";
import { bypassReason } from "./cache-policy.ts";
import { buildCacheKey } from "./cache-key.ts";
import { createMemoryStore } from "./memory-store.ts";
import { createLruCache } from "../routing/lru-cache.ts";
import type { PageEntry } from "./page-entry.ts";

/** What the cache reads and sets on the shop's per-request object. */
export interface CacheExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly hasBody: boolean;
  readonly proto: string;
  readonly storeCode: string;
  readonly debug: boolean;
  readonly forcedTarget: string | undefined;
  readonly privateAnswer: boolean;
  readonly newSessionCookie: string | undefined;
  answerTap?: AnswerTap | undefined;
  decision: Decision | undefined;
  upstream: Upstream | undefined;
}

export type CacheResult = "hit" | "stale" | "joined" | "miss" | "bypass";

export interface PageCacheOptions {
  /** Memory budget in bytes. */
  maxBytes: number;
  /** Largest single answer kept, in bytes. */
  maxEntryBytes: number;
  maxTtlMs: number;
  maxStaleMs: number;
  /** How long a request waits for another's fill of the same key before going to the new side itself. */
  joinWaitMs: number;
  /** Delay of each purge's second pass. */
  purgeRepeatMs: number;
  /**
   * How long a key whose answer was not storable (private, Set-Cookie, untagged) goes straight to the new
   * side, without single flight (Varnish's hit-for-pass): such pages must not queue behind one another.
   */
  passMs: number;
  upstreams: ReadonlyMap<string, Upstream>;
  now?: () => number;
  onResult?: (result: CacheResult) => void;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  results: Record<CacheResult, number>;
  stored: number;
  notStored: Record<string, number>;
  purged: number;
}

export interface PageCache {
  /** Answers from the cache, or calls `forward` (filling the cache from its answer when it may). */
  serve(ex: CacheExchange, decision: Decision, forward: () => Promise<ForwardResult>): void;
  /** Drops the entries carrying any of the tags (or all); returns how many went. */
  purge(tags: readonly string[], all?: boolean): number;
  stats(): PageCacheStats;
  close(): void;
}

interface Flight {
  done: Promise<void>;
  settle(): void;
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const now = options.now ?? Date.now;
  const store = createMemoryStore(options.maxBytes);
  const flights = new Map<string, Flight>();
  const limits = { maxTtlMs: options.maxTtlMs, maxStaleMs: options.maxStaleMs };
  // Purge sequence: a fill that began before a purge of one of its tags (or a full one) is not kept.
  let sequence = 0;
  let allPurgedAt = 0;
  const tagPurgedAt = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const passes = createLruCache<true>(10_000, now);
  const results: Record<CacheResult, number> = { hit: 0, stale: 0, joined: 0, miss: 0, bypass: 0 };
  const notStored: Record<string, number> = {};
  let stored = 0;
  let purged = 0;

  function count(result: CacheResult): void {
    results[result] += 1;
    options.onResult?.(result);
  }

  function answer(ex: CacheExchange, decision: Decision, entry: PageEntry, result: CacheResult, at: number): void {
    ex.decision = decision;
    ex.upstream = options.upstreams.get(decision.target);
    count(result);
    sendEntry(ex, entry, result === "stale" ? "STALE" : "HIT", at);
  }

  function fill(ex: CacheExchange, key: string, forward: () => Promise<ForwardResult>): void {
    const startedAt = sequence;
    let settle!: () => void;
    const flight: Flight = { done: new Promise<void>((resolve) => { settle = resolve; }), settle: () => settle() };
    flights.set(key, flight);
    const tap = new AnswerFill(limits, options.maxEntryBytes);
    ex.answerTap = tap;
    count("miss");
    const finish = (whole: boolean) => {
      const outcome = tap.finish(whole, now());
      if (typeof outcome !== "object") {
        notStored[outcome] = (notStored[outcome] ?? 0) + 1;
        if (outcome !== "failed") passes.set(key, true, options.passMs);
      }
      else if (purgedSince(outcome.tags, startedAt)) notStored.purged = (notStored.purged ?? 0) + 1;
      else { store.set(key, outcome); stored += 1; }
      flights.delete(key);
      flight.settle();
    };
    forward().then((result) => finish(result.failure === undefined && result.replayedFrom === undefined), () => finish(false));
  }

  function purgedSince(tags: readonly string[], startedAt: number): boolean {
    if (allPurgedAt > startedAt) return true;
    return tags.some((tag) => (tagPurgedAt.get(tag) ?? 0) > startedAt);
  }

  function join(ex: CacheExchange, decision: Decision, key: string, flight: Flight, forward: () => Promise<ForwardResult>): void {
    let waited = false;
    const timer = setTimeout(go, options.joinWaitMs);
    flight.done.then(go);
    function go(): void {
      if (waited) return;
      waited = true;
      clearTimeout(timer);
      if (ex.res.destroyed) return;
      const entry = store.get(key);
      const at = now();
      if (entry !== undefined && at < entry.freshUntil) return answer(ex, decision, entry, "joined", at);
      count("bypass");
      void forward();
    }
  }

  function dropTags(tags: readonly string[], all: boolean): number {
    return all ? store.clear() : store.purgeTags(tags);
  }

  return {
    serve(ex, decision, forward) {
      const bypass = bypassReason({
        method: ex.method, headers: ex.headers, hasBody: ex.hasBody, debug: ex.debug, forced: ex.forcedTarget !== undefined, target: decision.target,
      });
      const url = ex.req.url ?? "/";
      const query = url.indexOf("?");
      const key = bypass === undefined
        ? buildCacheKey({ proto: ex.proto, path: query === -1 ? url : url.slice(0, query), search: query === -1 ? "" : url.slice(query), storeCode: ex.storeCode, headers: ex.headers })
        : undefined;
      if (key === undefined || passes.get(key) !== undefined) {
        count("bypass");
        void forward();
        return;
      }
      const entry = store.get(key);
      const at = now();
      if (entry !== undefined && at < entry.freshUntil) return answer(ex, decision, entry, "hit", at);
      const flight = flights.get(key);
      if (entry !== undefined && at < entry.staleUntil && (flight !== undefined || ex.method === "HEAD")) return answer(ex, decision, entry, "stale", at);
      if (flight !== undefined) return join(ex, decision, key, flight, forward);
      if (ex.method === "HEAD") {
        count("bypass"); // a HEAD answer has no body to keep
        void forward();
        return;
      }
      fill(ex, key, forward);
    },
    purge(tags, all = false) {
      sequence += 1;
      if (all) allPurgedAt = sequence;
      else for (const tag of tags) tagPurgedAt.set(tag, sequence);
      // Bounded: past this many remembered tags, forget them and treat older fills as purged by all.
      if (tagPurgedAt.size > 100_000) { tagPurgedAt.clear(); allPurgedAt = sequence; }
      const dropped = dropTags(tags, all);
      purged += dropped;
      const timer = setTimeout(() => { timers.delete(timer); purged += dropTags(tags, all); }, options.purgeRepeatMs);
      timer.unref();
      timers.add(timer);
      return dropped;
    },
    stats: () => ({ entries: store.size, bytes: store.bytes, results: { ...results }, stored, notStored: { ...notStored }, purged }),
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function sendEntry(ex: CacheExchange, entry: PageEntry, label: "HIT" | "STALE", at: number): void {
  const res = ex.res;
  const age = String(Math.max(0, Math.floor((at - entry.storedAt) / 1000)));
  let headers: string[] = [...entry.headers, "Age", age, "X-Strangler-Cache", label];
  if (ex.privateAnswer) headers = makeAnswerPrivate(headers, "private");
  if (ex.newSessionCookie !== undefined) headers.push("Set-Cookie", ex.newSessionCookie);
  const inm = ex.headers["if-none-match"];
  if (entry.etag !== undefined && inm !== undefined && entry.status === 200 && matchesEtag(inm, entry.etag)) {
    res.writeHead(304, withoutBodyHeaders(headers));
    res.end();
    return;
  }
  headers.push("Content-Length", String(entry.body.length));
  res.writeHead(entry.status, headers);
  if (ex.method === "HEAD") res.end();
  else res.end(entry.body);
}

function matchesEtag(header: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

function withoutBodyHeaders(headers: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const lower = headers[i]!.toLowerCase();
    if (lower !== "content-type" && lower !== "content-encoding") kept.push(headers[i]!, headers[i + 1]!);
  }
  return kept;
}
