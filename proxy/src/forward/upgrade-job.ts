// A WebSocket (or other) upgrade, the same way as a request: a connection slot for the handshake, undici's
// `upgrade` dispatch on the upstream's pool (its connect and head timeouts), then a tunnel between the two
// sockets that closes when either side closes or both stay silent for the idle timeout. The shopper gets the
// upstream's 101 head plus the sticky cookie (and the decision, for an engineer); an upstream that answers
// without upgrading is relayed as a plain response on a closing connection; a failure before any byte gets
// the stage's status. The status lands on the exchange for the access line when the tunnel ends.
import { STATUS_CODES } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import type { Dispatcher } from "undici";
import { ForwardError, UpstreamBusyError } from "../errors.ts";
import type { Decision } from "../routing/route-table.ts";
import { formatDecision } from "../routing/route-table.ts";
import type { SlotWaiter } from "./connection-slots.ts";
import type { ForwardContext, ForwardResult } from "./forward-job.ts";
import { createRewrite, filterResponseHeaders } from "./response-head.ts";
import { headForUpstream } from "./request-head.ts";
import type { RawHeaders } from "./response-head.ts";
import { classifyFailure, ShopperGoneError, statusForFailure } from "./stages.ts";
import type { CallPhase } from "./stages.ts";
import type { Upstream } from "./upstream.ts";

export interface UpgradeExchange {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly proto: string;
  readonly host: string;
  readonly debug: boolean;
  readonly newSessionCookie: string | undefined;
  upstreamHead: string[];
  /** The store the Host chose (STORE_HOSTS) when the request named none: told to a new side only. */
  readonly hostStore: string | undefined;
  decision: Decision | undefined;
  upstream: Upstream | undefined;
  failure: string | undefined;
  /** The status the shopper got (101 for a tunnel). */
  status: number;
}

export interface UpgradeContext extends ForwardContext {
  /** Milliseconds a tunnel may stay silent both ways. */
  idleMs: number;
}

export class UpgradeJob implements Dispatcher.DispatchHandler, SlotWaiter {
  #ctx: UpgradeContext;
  #ex: UpgradeExchange;
  #socket: Duplex;
  #head: Buffer;
  #resolve: (result: ForwardResult) => void;
  #upstream: Upstream;
  #controller: Dispatcher.DispatchController | undefined = undefined;
  #phase: CallPhase = "connecting";
  #waiting = false;
  #holdsSlot = false;
  #written = false;
  #gone = false;
  #settled = false;

  constructor(ctx: UpgradeContext, ex: UpgradeExchange, socket: Duplex, head: Buffer, resolve: (result: ForwardResult) => void) {
    this.#ctx = ctx;
    this.#ex = ex;
    this.#socket = socket;
    this.#head = head;
    this.#resolve = resolve;
    this.#upstream = ctx.legacy;
  }

  start(decision: Decision): void {
    this.#ex.decision = decision;
    this.#upstream = this.#ctx.upstreams.get(decision.target) ?? this.#ctx.legacy;
    this.#ex.upstream = this.#upstream;
    this.#socket.on("close", () => this.#onShopperGone());
    this.#socket.on("error", () => this.#socket.destroy());
    const slots = this.#upstream.slots;
    if (slots.tryAcquire()) return this.onSlot();
    if (slots.wait(this)) { this.#waiting = true; return; }
    this.#fail(new ForwardError("queue", this.#upstream.name, new UpstreamBusyError(this.#upstream.name, "queue-full", slots.stats().queueLength)));
  }

  onSlot(): void {
    this.#waiting = false;
    this.#holdsSlot = true;
    const ex = this.#ex;
    this.#upstream.pool.dispatch({ path: ex.url, method: ex.method, headers: headForUpstream(ex.upstreamHead, this.#upstream === this.#ctx.legacy, ex.hostStore), upgrade: ex.headers.upgrade ?? "websocket" }, this);
  }

  onSlotTimeout(): void {
    this.#waiting = false;
    const name = this.#upstream.name;
    this.#fail(new ForwardError("queue", name, new UpstreamBusyError(name, "queue-timeout", this.#upstream.slots.stats().waitMs), { timedOut: true }));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    this.#phase = "waiting";
    if (this.#gone) controller.abort(new ShopperGoneError("the shopper closed the connection"));
  }

  onRequestUpgrade(controller: Dispatcher.DispatchController, status: number, _headers: IncomingHttpHeaders, upstreamSocket: Duplex): void {
    this.#releaseSlot(); // the connection left the pool
    this.#upstream.breaker?.recordSuccess();
    const raw = (controller.rawHeaders as RawHeaders).map((item) => (typeof item === "string" ? item : item.toString("latin1")));
    this.#writeHead(status, raw);
    this.#ex.status = status;
    if (this.#head.length > 0) upstreamSocket.write(this.#head);
    this.#tunnel(upstreamSocket);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, _headers: IncomingHttpHeaders, _message?: string): void {
    if (status < 200) return;
    this.#phase = "receiving";
    const controller = this.#controller!;
    const upstream = this.#upstream;
    if (status >= 500) upstream.breaker?.recordFailure();
    else upstream.breaker?.recordSuccess();
    const rewrite = upstream.isLegacy ? undefined : createRewrite(this.#ex, upstream, this.#ctx.publicHost);
    this.#writeHead(status, [...filterResponseHeaders(controller.rawHeaders as RawHeaders, rewrite), "Connection", "close"]);
    this.#ex.status = status;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#socket.write(chunk)) return;
    controller.pause();
    this.#socket.once("drain", () => controller.resume());
  }

  onResponseEnd(): void {
    this.#releaseSlot();
    this.#socket.end();
    this.#settle(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#releaseSlot();
    const failure = classifyFailure(this.#upstream.name, this.#phase, error, false);
    if (!failure.byShopper) this.#upstream.breaker?.recordFailure();
    this.#fail(failure);
  }

  #tunnel(upstreamSocket: Duplex): void {
    const client = this.#socket;
    const closeBoth = () => { client.destroy(); upstreamSocket.destroy(); };
    for (const socket of [client, upstreamSocket]) {
      (socket as Duplex & { setTimeout?: (ms: number, cb: () => void) => void }).setTimeout?.(this.#ctx.idleMs, closeBoth);
      socket.on("error", closeBoth);
      socket.on("close", closeBoth);
    }
    upstreamSocket.on("close", () => this.#settle(undefined));
    client.pipe(upstreamSocket).pipe(client);
  }

  #writeHead(status: number, fields: string[]): void {
    const ex = this.#ex;
    let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n`;
    for (let i = 0; i < fields.length; i += 2) head += `${fields[i]}: ${fields[i + 1]}\r\n`;
    if (ex.newSessionCookie !== undefined) head += `Set-Cookie: ${ex.newSessionCookie}\r\n`;
    if (ex.debug) head += `X-Strangler-Decision: ${formatDecision(ex.decision!)}\r\n`;
    this.#written = true;
    this.#socket.write(head + "\r\n", "latin1");
  }

  #fail(failure: ForwardError): void {
    this.#ex.failure = failure.stage;
    if (!this.#written && this.#socket.writable && !failure.byShopper) {
      const status = statusForFailure(failure);
      this.#ex.status = status;
      this.#socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      this.#socket.destroy();
    }
    this.#settle(failure);
  }

  #onShopperGone(): void {
    if (this.#settled || this.#gone) return;
    this.#gone = true;
    if (this.#ex.status === 0) this.#ex.status = 499;
    if (this.#waiting) {
      this.#waiting = false;
      this.#upstream.slots.cancel(this);
      return this.#settle(undefined);
    }
    // Before the handshake ends, the attempt's own failure settles (onRequestStart aborts a late starter).
    if (this.#holdsSlot) this.#controller?.abort(new ShopperGoneError("the shopper closed the connection"));
    else this.#settle(undefined);
  }

  #releaseSlot(): void {
    if (!this.#holdsSlot) return;
    this.#holdsSlot = false;
    this.#upstream.slots.release();
  }

  #settle(failure: ForwardError | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve({ failure, replayedFrom: undefined });
  }
}
