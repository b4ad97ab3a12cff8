// Stage shadow's runner. For a sample of a shadow plan's requests (GET/HEAD without a body; a GraphQL request
// only when it is a query sent by GET) it keeps a bounded copy of legacy's answer as it streams to the shopper
// (response-tap.ts); once that answer is complete, the same request goes to the plan's target with a cut-down
// head (shadow-head.ts), and for a sample of those legacy is asked again with the same head, to learn noise.
// The facts worker turns the answers into facts; the parity board compares them.
// Bounded everywhere and never in the shopper's way: a request is only picked while fewer than
// concurrency + queue length are open (else it is dropped first, before any byte is copied), mirrored requests
// use their own connections (never the shoppers' pools or slots), and each has a timeout.
import type { IncomingHttpHeaders } from "node:http";
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import type { Dispatcher } from "undici";
import type { GraphqlOperation, PageType } from "@strangler/migration-plans";
import type { Facts, PageFacts } from "../parity/commerce-facts.ts";
import type { FactsPool, RawAnswer } from "../parity/facts-pool.ts";
import type { ParityBoard } from "../parity/parity-board.ts";
import type { ShadowOrder } from "../routing/route-table.ts";
import { ResponseTap } from "./response-tap.ts";
import type { TapOutcome } from "./response-tap.ts";
import { buildShadowHead } from "./shadow-head.ts";

export type ShadowResult = "compared" | "not-mirrorable" | "dropped" | "too-large" | "legacy-failed" | "timeout" | "failed";

/** What the runner reads from a shop request. */
export interface ShadowCandidate {
  readonly method: string;
  readonly hasBody: boolean;
  readonly url: string;
  readonly path: string;
  readonly pageType: PageType | undefined;
  readonly graphql: GraphqlOperation | undefined;
  readonly upstreamHead: string[];
  shadowTap: ResponseTap | undefined;
}

export interface ShadowIntake {
  /** Called with a shadow decision before forwarding: may attach a tap to the request. Never throws. */
  consider(ex: ShadowCandidate, order: ShadowOrder): void;
}

export interface ShadowLimits {
  /** Mirrored requests in flight at once. */
  concurrency: number;
  /** Complete legacy answers waiting for a slot; beyond concurrency + queueLength open, requests are dropped. */
  queueLength: number;
  /** Milliseconds a mirrored request (and a noise request) may take, whole answer included. */
  timeoutMs: number;
  /** Bytes of an answer kept; a larger answer is not compared. */
  maxBodyBytes: number;
  /** Share 0..1 of compared requests for which legacy is asked a second time, to learn noise. */
  noiseSample: number;
  /** Event-loop utilization 0..1 above which nothing is picked (shadow work is the first thing dropped). */
  maxLoad: number;
}

export interface ShadowRunnerOptions {
  upstreams: ReadonlyMap<string, URL>;
  legacy: URL;
  limits: ShadowLimits;
  board: ParityBoard;
  facts: FactsPool;
  random?: () => number;
  onResult?(plan: string, result: ShadowResult): void;
}

export interface ShadowRunner extends ShadowIntake {
  /** Requests picked and not finished yet (taps streaming, queued, running). */
  open(): number;
  close(): Promise<void>;
}

interface Job {
  order: ShadowOrder;
  kind: "page" | "graphql";
  method: string;
  url: string;
  pageType: PageType | undefined;
  head: string[];
  legacy: RawAnswer;
}

export function createShadowRunner(options: ShadowRunnerOptions): ShadowRunner {
  const { limits, board } = options;
  const random = options.random ?? Math.random;
  const report = options.onResult ?? (() => undefined);
  const pools = new Map<string, Pool>();
  const queue: Job[] = [];
  // Legacy's own cookies from the runner's noise requests, reused on the next ones: a Magento that starts a
  // session for a cookieless page view then gets one session for all of them, never one per request.
  const legacyJar = new Map<string, string>();
  let open = 0;
  let running = 0;
  let closed = false;
  const load = watchLoad();

  function poolFor(url: URL): Pool {
    let pool = pools.get(url.origin);
    if (pool === undefined) {
      pool = new Pool(url.origin, { connections: limits.concurrency, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs });
      pools.set(url.origin, pool);
    }
    return pool;
  }

  function consider(ex: ShadowCandidate, order: ShadowOrder): void {
    if (closed || random() >= order.sample) return;
    const kind = mirrorableKind(ex);
    if (kind === undefined) return report(order.planId, "not-mirrorable");
    if (open >= limits.concurrency + limits.queueLength || load.utilization() > limits.maxLoad) return report(order.planId, "dropped");
    open++;
    const method = ex.method;
    ex.shadowTap = new ResponseTap(limits.maxBodyBytes, (outcome: TapOutcome) => {
      if (!outcome.ok) {
        open--;
        return report(order.planId, outcome.reason === "too-large" ? "too-large" : "legacy-failed");
      }
      queue.push({ order, kind, method, url: ex.url, pageType: ex.pageType, head: buildShadowHead(ex.upstreamHead), legacy: outcome.answer });
      pump();
    });
  }

  function pump(): void {
    while (running < limits.concurrency && queue.length > 0) {
      const job = queue.shift()!;
      running++;
      void run(job).then((result) => {
        running--;
        open--;
        report(job.order.planId, result);
        pump();
      });
    }
  }

  async function run(job: Job): Promise<ShadowResult> {
    const target = options.upstreams.get(job.order.target);
    if (target === undefined || closed) return "failed";
    try {
      const askAgain = random() < limits.noiseSample;
      const [candidate, legacyAgain] = await Promise.all([
        fetchAnswer(poolFor(target), job), askAgain ? askLegacyAgain(job) : undefined,
      ]);
      const answers = legacyAgain === undefined ? [job.legacy, candidate] : [job.legacy, candidate, legacyAgain];
      const facts = await options.facts.extract(job.kind, answers);
      board.record({
        plan: job.order.planId, pageType: pageTypeOf(job, facts[0]!), url: job.url, legacy: facts[0]!, candidate: facts[1]!, legacyAgain: facts[2],
      });
      return "compared";
    } catch (error) {
      return (error as Error).name === "TimeoutError" || (error as { code?: string }).code?.startsWith("UND_ERR_HEADERS_TIMEOUT") ? "timeout" : "failed";
    }
  }

  async function askLegacyAgain(job: Job): Promise<RawAnswer> {
    const context = readCookieHeader(job.head);
    const jar = legacyJar.get(context);
    const head = jar === undefined ? job.head : withCookie(job.head, context === "" ? jar : `${context}; ${jar}`);
    return fetchAnswer(poolFor(options.legacy), job, head, (setCookie) => {
      const kept = new Map((jar ?? "").split("; ").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const));
      for (const line of setCookie) {
        const pair = line.split(";", 1)[0]!.trim();
        const name = pair.slice(0, pair.indexOf("="));
        if (name !== "" && !context.includes(`${name}=`)) kept.set(name, pair);
      }
      if (legacyJar.size < 64) legacyJar.set(context, [...kept.values()].join("; "));
    });
  }

  async function fetchAnswer(pool: Dispatcher, job: Job, head = job.head, onSetCookie?: (lines: string[]) => void): Promise<RawAnswer> {
    const response = await pool.request({
      path: job.url, method: job.method as Dispatcher.HttpMethod, headers: head, signal: AbortSignal.timeout(limits.timeoutMs),
    });
    const setCookie = response.headers["set-cookie"];
    if (onSetCookie !== undefined && setCookie !== undefined) onSetCookie(Array.isArray(setCookie) ? setCookie : [setCookie]);
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limits.maxBodyBytes) {
        response.body.destroy();
        throw new Error("the answer is larger than SHADOW_BODY_BYTES");
      }
      chunks.push(chunk);
    }
    return {
      status: response.statusCode, location: header(response.headers, "location"),
      contentEncoding: header(response.headers, "content-encoding"), body: Buffer.concat(chunks, bytes),
    };
  }

  return {
    consider,
    open: () => open,
    async close() {
      closed = true;
      load.stop();
      await Promise.all([...pools.values()].map((pool) => pool.destroy()));
      await options.facts.close();
    },
  };
}

/** The shop thread's event-loop utilization over the last quarter second: how busy the proxy is now. */
function watchLoad(): { utilization(): number; stop(): void } {
  let last = performance.eventLoopUtilization();
  let utilization = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    utilization = performance.eventLoopUtilization(now, last).utilization;
    last = now;
  }, 250);
  timer.unref();
  return { utilization: () => utilization, stop: () => clearInterval(timer) };
}

/** Only requests that cannot change anything: GET/HEAD without a body, and of GraphQL only queries. */
function mirrorableKind(ex: ShadowCandidate): "page" | "graphql" | undefined {
  if ((ex.method !== "GET" && ex.method !== "HEAD") || ex.hasBody) return undefined;
  if (ex.graphql !== undefined) return ex.graphql.type === "query" ? "graphql" : undefined;
  return /(?:^|\/)graphql$/.test(ex.path) ? undefined : "page";
}

function pageTypeOf(job: Job, legacy: Facts): string {
  if (job.kind === "graphql") return "GRAPHQL";
  if (job.pageType !== undefined) return job.pageType;
  if (job.url.startsWith("/catalogsearch/")) return "SEARCH";
  const page = legacy as PageFacts;
  if (page.sku !== null) return "PRODUCT";
  if (page.productCount !== null) return "CATEGORY";
  return "OTHER";
}

function readCookieHeader(head: readonly string[]): string {
  const at = head.indexOf("cookie");
  return at === -1 ? "" : head[at + 1]!;
}

function withCookie(head: readonly string[], cookie: string): string[] {
  const out = head.filter((_, i) => head[i - (i % 2)] !== "cookie");
  out.push("cookie", cookie);
  return out;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
