// One attempt at one upstream: undici's dispatch handler. It tracks how far the attempt got (for the failure
// stage), hands the final response head to its owner (who writes it, or has it drained for a replay),
// relays 103 Early Hints and 102 Processing, streams the body to the shopper with backpressure (undici is
// paused while the shopper's socket is full; a shopper that stops reading for SEND_TIMEOUT_MS is cut), and
// passes the upstream's trailers on. One object per attempt; no closures per chunk.
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import type { ForwardError } from "../errors.ts";
import type { AttemptTrace } from "./forward-trace.ts";
import type { RawHeaders, ResponseHead } from "./response-head.ts";
import { filterResponseHeaders } from "./response-head.ts";
import { classifyFailure, ShopperSendTimeoutError } from "./stages.ts";
import type { CallPhase } from "./stages.ts";
import type { Upstream } from "./upstream.ts";
import type { ResponseTap } from "../shadow/response-tap.ts";

export interface CallOwner {
  readonly res: ServerResponse;
  readonly hasBody: boolean;
  readonly sendTimeoutMs: number;
  /** Keeps a copy of the answer's body for a shadow comparison (response-tap.ts). */
  readonly tap: ResponseTap | undefined;
  /** The final head arrived: true when it was written to the shopper, false to drain the body unseen. */
  onCallHead(call: UpstreamCall, head: ResponseHead): boolean;
  onCallEnd(call: UpstreamCall): void;
  /** A body chunk the shopper is being sent. */
  onCallData?(chunk: Buffer): void;
  onCallFailed(call: UpstreamCall, failure: ForwardError): void;
}

const CURRENT_CALL = Symbol("strangler.currentCall");
type ResponseWithCall = ServerResponse & { [CURRENT_CALL]?: UpstreamCall };

export class UpstreamCall implements Dispatcher.DispatchHandler {
  readonly owner: CallOwner;
  readonly upstream: Upstream;
  phase: CallPhase = "connecting";
  ended = false;
  #controller: Dispatcher.DispatchController | undefined;
  #draining = false;
  #sendTimer: NodeJS.Timeout | undefined;
  #abortReason: Error | undefined;
  #trace: AttemptTrace | undefined;

  constructor(owner: CallOwner, upstream: Upstream, trace?: AttemptTrace) {
    this.owner = owner;
    this.upstream = upstream;
    this.#trace = trace;
  }

  /** Ends the attempt from our side (the shopper left, or stopped reading). */
  abort(reason: Error): void {
    if (this.ended) return;
    if (this.#controller === undefined) this.#abortReason = reason; // aborted as soon as it starts
    else this.#controller.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    this.phase = "sending";
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
  }

  onRequestSent(): void {
    if (this.phase === "sending") this.phase = "waiting";
  }

  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    if (status < 200) return this.#relayInformational(status, headers, controller.rawHeaders as RawHeaders);
    this.phase = "receiving";
    this.#trace?.onHead(status);
    const head: ResponseHead = { status, statusMessage, raw: controller.rawHeaders as RawHeaders };
    this.#draining = !this.owner.onCallHead(this, head);
    if (!this.#draining) (this.owner.res as ResponseWithCall)[CURRENT_CALL] = this;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#draining) return;
    this.owner.onCallData?.(chunk);
    const res = this.owner.res;
    this.owner.tap?.data(chunk);
    if (res.write(chunk)) return;
    controller.pause();
    if (res.listenerCount("drain") === 0) res.on("drain", onShopperDrain);
    this.#sendTimer = setTimeout(onSendTimeout, this.owner.sendTimeoutMs, this);
  }

  onResponseEnd(controller: Dispatcher.DispatchController): void {
    this.#finish();
    this.#trace?.end(undefined);
    if (!this.#draining) {
      const trailers = controller.rawTrailers as RawHeaders | null | undefined;
      if (trailers !== undefined && trailers !== null && trailers.length > 0) this.#relayTrailers(trailers);
      this.owner.res.end();
      this.owner.tap?.end();
    }
    this.owner.onCallEnd(this);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.ended) return;
    this.#finish();
    this.#trace?.end(error);
    if (this.#draining) {
      this.owner.onCallEnd(this); // a drained answer the shopper never saw: nothing more to do
      return;
    }
    this.owner.onCallFailed(this, classifyFailure(this.upstream.name, this.phase, error, this.owner.hasBody));
  }

  resumeAfterDrain(): void {
    clearTimeout(this.#sendTimer);
    this.#sendTimer = undefined;
    this.#controller?.resume();
  }

  #finish(): void {
    this.ended = true;
    clearTimeout(this.#sendTimer);
    this.upstream.slots.release();
  }

  #relayInformational(status: number, headers: IncomingHttpHeaders, raw: RawHeaders): void {
    const res = this.owner.res;
    // 1xx is HTTP/1.1 only, and only before the shopper has seen the final head.
    if (res.headersSent || res.req.httpVersionMinor !== 1 || res.req.httpVersionMajor !== 1) return;
    if (status === 102) res.writeProcessing();
    else if (status === 103 && headers.link !== undefined) res.writeEarlyHints(toHints(filterResponseHeaders(raw, undefined)));
  }

  #relayTrailers(raw: RawHeaders): void {
    const fields = filterResponseHeaders(raw, undefined);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < fields.length; i += 2) pairs.push([fields[i]!, fields[i + 1]!]);
    this.owner.res.addTrailers(pairs);
  }
}

function toHints(fields: string[]): Record<string, string | string[]> {
  const hints: Record<string, string | string[]> = {};
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i]!.toLowerCase();
    const previous = hints[name];
    hints[name] = previous === undefined ? fields[i + 1]! : [previous, fields[i + 1]!].flat();
  }
  return hints;
}

function onShopperDrain(this: ResponseWithCall): void {
  const call = this[CURRENT_CALL];
  if (call !== undefined && !call.ended) call.resumeAfterDrain();
}

function onSendTimeout(call: UpstreamCall): void {
  call.abort(new ShopperSendTimeoutError(`the shopper read nothing for ${call.owner.sendTimeoutMs} ms`));
}
