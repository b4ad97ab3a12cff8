// What the forwarder tells a request's trace, when one is kept (the tracing module implements it; with no
// exporter configured the exchange carries none and the forwarder pays one undefined check per attempt).
import type { Upstream } from "./upstream.ts";

export interface ForwardTrace {
  /**
   * One attempt at an upstream starts (the first, the stale-socket retry, the replay to the fallback).
   * It may rewrite the head's traceparent (setTraceparent) so the upstream sees the attempt as its parent.
   */
  startAttempt(upstream: Upstream, method: string, path: string, head: string[]): AttemptTrace;
  /** The shopper's head is written (the upstream's answer or our error page). */
  startResponse(): void;
}

export interface AttemptTrace {
  /** The attempt's final head arrived. */
  onHead(status: number): void;
  /** The attempt ended: its answer was read to the end (error undefined) or it failed. */
  end(error: Error | undefined): void;
}
