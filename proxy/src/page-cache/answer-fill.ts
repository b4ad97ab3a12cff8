// One fill: hears the new side's answer as the shopper gets it (forward/answer-tap.ts), keeps the body
// while the answer stays storable, and, once the forward ended whole, turns it into a PageEntry, with
// the tags from X-Magento-Tags or the page's <meta name="x-magento-tags"> (read from the decoded body).
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { AnswerTap } from "../forward/answer-tap.ts";
import { readStorable, readTags } from "./cache-policy.ts";
import type { NotStorable, Storable, StoreLimits } from "./cache-policy.ts";
import type { PageEntry } from "./page-entry.ts";

export type FillOutcome = PageEntry | NotStorable | "too-big" | "no-tags" | "failed";

export class AnswerFill implements AnswerTap {
  readonly #limits: StoreLimits;
  readonly #maxBytes: number;
  #status = 0;
  #headers: string[] = [];
  #named = new Map<string, string>();
  #storable: Storable | NotStorable | "too-big" = "status";
  #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(limits: StoreLimits, maxBytes: number) {
    this.#limits = limits;
    this.#maxBytes = maxBytes;
  }

  onHead(_upstream: unknown, status: number, headers: string[]): boolean {
    this.#status = status;
    const kept: string[] = [];
    for (let i = 0; i < headers.length; i += 2) {
      const lower = headers[i]!.toLowerCase();
      const previous = this.#named.get(lower);
      this.#named.set(lower, previous === undefined ? headers[i + 1]! : `${previous}, ${headers[i + 1]!}`);
      // Recomputed per answer from the cache: the length of what is kept, and our own headers.
      if (lower !== "content-length" && lower !== "age" && lower !== "x-strangler-cache") kept.push(headers[i]!, headers[i + 1]!);
    }
    this.#headers = kept;
    this.#storable = readStorable(status, this.#named, this.#limits);
    const length = Number(this.#named.get("content-length") ?? 0);
    if (length > this.#maxBytes) this.#storable = "too-big";
    return typeof this.#storable === "object";
  }

  onData(chunk: Buffer): void {
    if (typeof this.#storable !== "object") return;
    this.#bytes += chunk.length;
    if (this.#bytes > this.#maxBytes) {
      this.#storable = "too-big";
      this.#chunks = [];
      return;
    }
    this.#chunks.push(chunk);
  }

  /** What to keep, once the forward is over; `whole` = it ended without a failure. */
  finish(whole: boolean, now: number): FillOutcome {
    const storable = this.#storable;
    if (typeof storable !== "object") return storable;
    if (!whole) return "failed";
    const body = Buffer.concat(this.#chunks, this.#bytes);
    const tags = readTags(this.#named.get("x-magento-tags"), this.#readHtml(body));
    if (tags.length === 0) return "no-tags";
    return {
      status: this.#status, headers: this.#headers, body, tags, storedAt: now,
      freshUntil: now + storable.ttlMs, staleUntil: now + storable.ttlMs + storable.staleMs, etag: this.#named.get("etag"),
    };
  }

  #readHtml(body: Buffer): string | undefined {
    if (!(this.#named.get("content-type") ?? "").includes("html")) return undefined;
    try {
      switch ((this.#named.get("content-encoding") ?? "identity").trim().toLowerCase()) {
        case "identity": return body.toString("utf8");
        case "gzip": return gunzipSync(body).toString("utf8");
        case "br": return brotliDecompressSync(body).toString("utf8");
        case "deflate": return inflateSync(body).toString("utf8");
        default: return undefined;
      }
    } catch {
      return undefined; // a body that does not decode carries no tags we could trust
    }
  }
}
