// The shopper's request body, read before the upstream request opens (nginx's proxy_request_buffering):
// a body up to `bufferBytes` is read whole into memory, so a slow shopper holds no upstream connection.
// A larger body opens the upstream request once that much has arrived and streams the rest with
// backpressure. Either way the body must keep a minimum rate: in every window at least
// `minBytesPerSecond × window` bytes arrive, or it fails with RequestBodyTooSlowError (408). Windows in which
// the proxy itself paused the shopper (the upstream reads slowly, or no connection is free yet) do not count.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { RequestBodyTooSlowError } from "../errors.ts";
import { ShopperGoneError } from "./stages.ts";

export interface BodyLimits {
  /** Required. Bytes read whole before the upstream request opens. */
  bufferBytes: number;
  /** Required. Bytes per second a body must keep up, measured per window. */
  minBytesPerSecond: number;
  /** Required. Milliseconds per rate window (the first is the grace period). */
  windowMs: number;
}

export interface BodyListener {
  /** Once: the whole body (Buffer) or a stream of it (first the buffered bytes, then the rest). */
  onBodyReady(body: Buffer | Readable): void;
  /** The body failed: too slow, or the shopper went away. After onBodyReady the stream is destroyed with it too. */
  onBodyFailed(error: Error): void;
}

/** True when the request carries a body (Transfer-Encoding, or a Content-Length above 0). */
export function hasRequestBody(headers: IncomingHttpHeaders): boolean {
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}

export class RequestBodyReader {
  readonly #req: IncomingMessage;
  readonly #limits: BodyLimits;
  #listener: BodyListener;
  /** What the listener was given, for a listener that takes over later (handOver). */
  #ready: Buffer | Readable | undefined = undefined;
  #error: Error | undefined = undefined;
  #chunks: Buffer[] = [];
  #received = 0;
  #checkedAt = 0;
  #stream: Readable | undefined = undefined;
  #timer: NodeJS.Timeout | undefined;
  #done = false;

  constructor(req: IncomingMessage, limits: BodyLimits, listener: BodyListener) {
    this.#req = req;
    this.#limits = limits;
    this.#listener = listener;
    req.on("data", (chunk: Buffer) => this.#onData(chunk));
    req.on("end", () => this.#onEnd());
    req.on("error", (error: Error) => this.#fail(new ShopperGoneError(`the shopper's body failed: ${error.message}`)));
    req.on("close", () => { if (!this.#done) this.#fail(new ShopperGoneError("the shopper closed the connection before the body ended")); });
    this.#timer = setTimeout(() => this.#checkRate(), limits.windowMs);
  }

  /**
   * A body read before the decision (a GraphQL operation) is handed to the forwarder: the new listener gets
   * at once what the first one got (the whole Buffer, the stream of a larger body, or the failure), then
   * every later event. The body is never read twice.
   */
  handOver(listener: BodyListener): void {
    this.#listener = listener;
    if (this.#error !== undefined) listener.onBodyFailed(this.#error);
    else if (this.#ready !== undefined) listener.onBodyReady(this.#ready);
  }

  /** Stops reading (the request ended otherwise); the body is left unread. */
  stop(): void {
    this.#finish();
  }

  #onData(chunk: Buffer): void {
    this.#received += chunk.length;
    if (this.#stream !== undefined) {
      if (!this.#stream.push(chunk)) this.#req.pause();
      return;
    }
    this.#chunks.push(chunk);
    if (this.#received <= this.#limits.bufferBytes) return;
    const stream = new Readable({ read: () => { if (!this.#done) this.#req.resume(); } });
    this.#stream = stream;
    for (const buffered of this.#chunks) stream.push(buffered);
    this.#chunks = [];
    this.#req.pause(); // until the upstream request reads
    this.#ready = stream;
    this.#listener.onBodyReady(stream);
  }

  #onEnd(): void {
    if (this.#done) return;
    this.#finish();
    if (this.#stream !== undefined) this.#stream.push(null);
    else this.#listener.onBodyReady((this.#ready = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks)));
    this.#chunks = [];
  }

  #checkRate(): void {
    if (this.#done) return;
    const { minBytesPerSecond, windowMs } = this.#limits;
    // Paused by the proxy: the shopper cannot send, so this window does not count against it.
    if (!this.#req.isPaused() && this.#received - this.#checkedAt < (minBytesPerSecond * windowMs) / 1000) {
      this.#fail(new RequestBodyTooSlowError(minBytesPerSecond, windowMs));
      return;
    }
    this.#checkedAt = this.#received;
    this.#timer = setTimeout(() => this.#checkRate(), windowMs);
  }

  #fail(error: Error): void {
    if (this.#done) return;
    this.#finish();
    this.#chunks = [];
    this.#stream?.destroy(error);
    this.#error = error;
    this.#listener.onBodyFailed(error);
  }

  #finish(): void {
    this.#done = true;
    clearTimeout(this.#timer);
  }
}
