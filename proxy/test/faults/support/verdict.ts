// What a fault run did to shoppers: every GET must get an answer below 500 (legacy is up throughout),
// every POST to legacy too, and every POST must have arrived at the upstreams exactly once when the shopper
// got an answer, at most once when it failed (a POST is never sent twice, never replayed to legacy).
import { expect } from "vitest";
import type { FaultRun } from "./fault-run.ts";
import type { ShopResult } from "./load.ts";
import { answeredBy } from "./shop-mix.ts";

export interface Verdict {
  requests: number;
  gets: number;
  /** GETs that got a 5xx or no answer at all. */
  failedGets: string[];
  posts: number;
  /** POSTs to the new side that got a 5xx or no answer (allowed while the new side is at fault). */
  failedNewSidePosts: number;
  /** POSTs to legacy that got a 5xx or no answer. */
  failedLegacyPosts: string[];
  /** POST ids that arrived more than once, with their count. */
  duplicatePosts: string[];
  /** POST ids that were answered yet arrived nowhere. */
  lostPosts: string[];
  /** GETs of new-side pages answered by legacy, and by the new side, while the fault lasted. */
  duringFault: { legacy: number; new: number };
  /** Slowest GET in ms. */
  slowestGetMs: number;
}

const failed = (result: ShopResult) => result.answer === undefined || result.answer.status >= 500;
const describe = (result: ShopResult) => `${result.method} ${result.path} → ${result.answer?.status ?? result.error}`;

/** `arrivals`: each upstream's count of POST ids. */
export function judge(run: FaultRun, arrivals: ReadonlyArray<ReadonlyMap<string, number>>): Verdict {
  const gets = run.results.filter((result) => result.method === "GET");
  const posts = run.results.filter((result) => result.method === "POST");
  const arrived = (id: string) => arrivals.reduce((sum, counts) => sum + (counts.get(id) ?? 0), 0);
  const inFault = gets.filter((result) => result.kind === "new-get" && result.sentAt >= run.faultStart && result.sentAt < run.faultEnd);
  return {
    requests: run.results.length,
    gets: gets.length,
    failedGets: gets.filter(failed).map(describe),
    posts: posts.length,
    failedNewSidePosts: posts.filter((result) => result.kind === "new-post" && failed(result)).length,
    failedLegacyPosts: posts.filter((result) => result.kind === "legacy-post" && failed(result)).map(describe),
    duplicatePosts: posts.filter((result) => arrived(result.postId!) > 1).map((result) => `${result.postId} ×${arrived(result.postId!)}`),
    lostPosts: posts.filter((result) => !failed(result) && arrived(result.postId!) === 0).map(describe),
    duringFault: {
      legacy: inFault.filter((result) => answeredBy(result) === "legacy").length,
      new: inFault.filter((result) => answeredBy(result) === "new").length,
    },
    slowestGetMs: Math.round(Math.max(0, ...gets.map((result) => result.doneAt - result.sentAt))),
  };
}

/** One line per fault for the test output; recovery is informative, never asserted as a timing. */
export function printVerdict(run: FaultRun, verdict: Verdict): void {
  const recovery = run.recoveryMs === undefined ? "not recovered" : `${Math.round(run.recoveryMs)} ms`;
  console.log(
    `[fault] ${run.name}: ${verdict.requests} requests (${verdict.gets} GET, ${verdict.posts} POST) · ` +
    `failed GETs ${verdict.failedGets.length} · failed legacy POSTs ${verdict.failedLegacyPosts.length} · ` +
    `failed new-side POSTs ${verdict.failedNewSidePosts} · duplicated POSTs ${verdict.duplicatePosts.length} · ` +
    `lost POSTs ${verdict.lostPosts.length} · new-side pages during the fault: ${verdict.duringFault.new} new, ` +
    `${verdict.duringFault.legacy} legacy · slowest GET ${verdict.slowestGetMs} ms · recovery ${recovery}`,
  );
}

/** The shopper-facing promises, all at once so a failure shows every broken one. */
export function expectShoppersUnharmed(verdict: Verdict): void {
  const { failedGets, failedLegacyPosts, duplicatePosts, lostPosts } = verdict;
  expect({ failedGets, failedLegacyPosts, duplicatePosts, lostPosts }).toEqual({ failedGets: [], failedLegacyPosts: [], duplicatePosts: [], lostPosts: [] });
}
