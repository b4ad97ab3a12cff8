// A copy of legacy's answer for the shadow comparison, taken as it streams to the shopper: the chunks the
// shopper gets are kept by reference (no copy, no waiting), up to a byte bound past which the copy is
// dropped and the comparison with it. The shopper's response is never held back for it.
import type { ResponseHead } from "../forward/response-head.ts";

export interface TappedAnswer {
  status: number;
  location: string | undefined;
  contentEncoding: string | undefined;
  body: Buffer;
}

export type TapOutcome = { ok: true; answer: TappedAnswer } | { ok: false; reason: "too-large" | "failed" };

export class ResponseTap {
  readonly maxBytes: number;
  #onDone: (outcome: TapOutcome) => void;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #head: ResponseHead | undefined = undefined;
  #done = false;

  constructor(maxBytes: number, onDone: (outcome: TapOutcome) => void) {
    this.maxBytes = maxBytes;
    this.#onDone = onDone;
  }

  head(head: ResponseHead): void {
    if (!this.#done) this.#head = head;
  }

  data(chunk: Buffer): void {
    if (this.#done || this.#head === undefined) return;
    this.#bytes += chunk.length;
    if (this.#bytes > this.maxBytes) return this.#finish({ ok: false, reason: "too-large" });
    this.#chunks.push(chunk);
  }

  end(): void {
    const head = this.#head;
    if (this.#done || head === undefined) return;
    const body = Buffer.concat(this.#chunks, this.#bytes);
    this.#finish({ ok: true, answer: { status: head.status, location: readHeader(head, "location"), contentEncoding: readHeader(head, "content-encoding"), body } });
  }

  /** The forward job settled: a tap that saw no whole answer is abandoned. */
  settle(): void {
    if (!this.#done) this.#finish({ ok: false, reason: "failed" });
  }

  #finish(outcome: TapOutcome): void {
    this.#done = true;
    this.#chunks = [];
    this.#onDone(outcome);
  }
}

function readHeader(head: ResponseHead, name: string): string | undefined {
  const raw = head.raw;
  for (let i = 0; i < raw.length; i += 2) {
    if (String(raw[i]).toLowerCase() === name) return String(raw[i + 1]);
  }
  return undefined;
}
