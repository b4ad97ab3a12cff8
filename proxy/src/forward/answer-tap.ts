// A listener the forwarder tells about the answer a shopper receives from a non-legacy upstream: its
// head (filtered and rewritten, before per-shopper headers) and every body chunk as it is sent. The shared
// page cache (page-cache/) fills itself this way, with no second request and no copy for answers it
// does not want. Whether the body arrived whole is the forward's result (no failure = whole).
import type { Upstream } from "./upstream.ts";

export interface AnswerTap {
  /** The head; return false to hear no more. */
  onHead(upstream: Upstream, status: number, headers: string[]): boolean;
  onData(chunk: Buffer): void;
}
