// One shop request's whole round trip, in order: read the body (buffered up to the limit), take a connection
// slot (bounded wait), send, hand the head over (written, or drained when a 5xx is replayed), stream the body.
// A failure is sorted into a stage and decides what follows: a GET/HEAD that met a stale pooled socket goes
// once more on a new connection; a GET/HEAD the new side failed before the first byte goes to the plan's
// fallback; anything else gets the stage's error page, or a cut connection once bytes were sent. Circuit
// breakers hear of every upstream success and failure. The caller gets the outcome; nothing calls back up.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { sendErrorPage } from "../error-pages.ts";
import { ForwardError, UpstreamBusyError } from "../errors.ts";
import type { Decision } from "../routing/route-table.ts";
import { formatDecision } from "../routing/route-table.ts";
import type { SlotWaiter } from "./connection-slots.ts";
import { canReplay, isIdempotentWithoutBody } from "./replay-policy.ts";
import { RequestBodyReader } from "./request-body.ts";
import type { BodyLimits, BodyListener } from "./request-body.ts";
import type { AnswerTap } from "./answer-tap.ts";
import { headForUpstream } from "./request-head.ts";
import { createRewrite, filterResponseHeaders, readLocation, writeResponseHead } from "./response-head.ts";
import type { ResponseHead } from "./response-head.ts";
import type { ForwardTrace } from "./forward-trace.ts";
import { classifyFailure, FirstByteTimeoutError, isStaleSocketFailure, ShopperGoneError, statusForFailure } from "./stages.ts";
import { UpstreamCall } from "./upstream-call.ts";
import type { CallOwner } from "./upstream-call.ts";
import type { Upstream } from "./upstream.ts";
import type { ResponseTap } from "../shadow/response-tap.ts";

/** What the forwarder reads and records on the shop's per-request object. */
export interface ForwardExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly hasBody: boolean;
  readonly proto: string;
  readonly host: string;
  readonly debug: boolean;
  readonly newSessionCookie: string | undefined;
  /** No shared cache may keep the answer (its side depended on who asked). */
  readonly privateAnswer: boolean;
  /** The request head for the upstream (request-head.ts), built once. */
  upstreamHead: string[];
  /** The store the Host chose (STORE_HOSTS) when the request named none: told to a new side only. */
  readonly hostStore: string | undefined;
  decision: Decision | undefined;
  upstream: Upstream | undefined;
  replayed: boolean;
  failure: string | undefined;
  /** A POST's answer's Location, as the upstream sent it. */
  answerLocation: string | undefined;
  /** A GraphQL query read whole before deciding: replayable to the fallback, also after a 422 refusal. */
  readonly graphqlQuery: boolean;
  /** The body's reader when the body was read before deciding; the job takes it over. */
  readonly bodyReader: RequestBodyReader | undefined;
  /** The request's trace, only when traces are exported. */
  readonly trace: ForwardTrace | undefined;
  /** Stage shadow: keeps a bounded copy of the answer the shopper gets, for the comparison. */
  readonly shadowTap: ResponseTap | undefined;
  /** Hears a non-legacy upstream's answer as the shopper gets it (the page cache's fill). */
  readonly answerTap?: AnswerTap | undefined;
}

export interface ForwardResult {
  /** The failure that ended the request, or the one that sent it to the fallback; undefined when all went well. */
  failure: ForwardError | undefined;
  /** The upstream that failed before the fallback answered. */
  replayedFrom: string | undefined;
}

export interface ForwardContext {
  upstreams: ReadonlyMap<string, Upstream>;
  legacy: Upstream;
  limits: BodyLimits;
  sendTimeoutMs: number;
  /** Host used in rewritten Location headers when the request named none (HTTP/1.0). */
  publicHost: string;
}

const JOB = Symbol("strangler.forwardJob");
type ResponseWithJob = ServerResponse & { [JOB]?: ForwardJob };

export class ForwardJob implements CallOwner, SlotWaiter, BodyListener {
  readonly ex: ForwardExchange;
  readonly res: ServerResponse;
  readonly hasBody: boolean;
  readonly sendTimeoutMs: number;
  #ctx: ForwardContext;
  #resolve: (result: ForwardResult) => void;
  #upstream: Upstream;
  #call: UpstreamCall | undefined = undefined;
  #body: Buffer | Readable | null = null;
  #reader: RequestBodyReader | undefined = undefined;
  #waiting = false;
  #settled = false;
  #fresh = false;
  #failure: ForwardError | undefined = undefined;
  #replayedFrom: string | undefined = undefined;
  #budgetTimer: NodeJS.Timeout | undefined = undefined;
  #tap: AnswerTap | undefined = undefined;

  constructor(ctx: ForwardContext, ex: ForwardExchange, resolve: (result: ForwardResult) => void) {
    this.ex = ex;
    this.res = ex.res;
    this.hasBody = ex.hasBody;
    this.sendTimeoutMs = ctx.sendTimeoutMs;
    this.#ctx = ctx;
    this.#resolve = resolve;
    this.#upstream = ctx.legacy;
  }

  get tap(): ResponseTap | undefined {
    return this.ex.shadowTap;
  }

  start(decision: Decision): void {
    this.#target(decision);
    this.#armFirstByteBudget();
    (this.res as ResponseWithJob)[JOB] = this;
    this.res.on("close", onShopperClose);
    if (this.ex.bodyReader !== undefined) (this.#reader = this.ex.bodyReader).handOver(this);
    else if (this.hasBody) this.#reader = new RequestBodyReader(this.ex.req, this.#ctx.limits, this);
    else this.#admit();
  }

  onBodyReady(body: Buffer | Readable): void {
    this.#body = body;
    if (!this.#settled) this.#admit();
  }

  onBodyFailed(error: Error): void {
    // While an attempt streams the body, its own failure (the stream was destroyed with this error) settles.
    if (this.#settled || this.#call !== undefined) return;
    this.#leaveQueue();
    this.#fail(classifyFailure(this.#upstream.name, "sending", error, true));
  }

  onSlot(): void {
    this.#waiting = false;
    this.#dispatch();
  }

  onSlotTimeout(): void {
    this.#waiting = false;
    const upstream = this.#upstream;
    const busy = new UpstreamBusyError(upstream.name, "queue-timeout", upstream.slots.stats().waitMs);
    this.#onFailure(new ForwardError("queue", upstream.name, busy, { timedOut: true }));
  }

  onCallHead(call: UpstreamCall, head: ResponseHead): boolean {
    const { ex } = this;
    const upstream = call.upstream;
    this.#disarmFirstByteBudget();
    if (head.status >= 500 && upstream.breaker !== undefined) {
      upstream.breaker.recordFailure();
      if (canReplay(ex)) {
        this.#replay(new ForwardError("status", upstream.name, `answered ${head.status}`));
        return false;
      }
    } else if (head.status === 422 && ex.graphqlQuery && upstream.breaker !== undefined && canReplay(ex)) {
      // An extracted GraphQL service refuses an operation it does not answer whole with 422: it worked as
      // designed (no breaker failure), and the fallback answers the query.
      upstream.breaker.recordSuccess();
      this.#replay(new ForwardError("status", upstream.name, "refused the operation (422)"));
      return false;
    } else {
      upstream.breaker?.recordSuccess();
    }
    const rewrite = upstream.isLegacy ? undefined : createRewrite(ex, upstream, this.#ctx.publicHost);
    // Where a POST's answer redirects: the rollout judges add-to-cart success by it (rollout/add-to-cart.ts).
    if (ex.method === "POST") ex.answerLocation = readLocation(head.raw);
    const privacy = ex.debug ? "no-store" : ex.privateAnswer ? "private" : undefined;
    writeResponseHead(this.res, head, rewrite, ex.newSessionCookie, ex.debug ? formatDecision(ex.decision!) : undefined, privacy);
    ex.trace?.startResponse();
    ex.shadowTap?.head(head);
    const tap = ex.answerTap;
    if (tap !== undefined && rewrite !== undefined && tap.onHead(upstream, head.status, filterResponseHeaders(head.raw, rewrite))) this.#tap = tap;
    return true;
  }

  onCallData(chunk: Buffer): void {
    this.#tap?.onData(chunk);
  }

  onCallEnd(call: UpstreamCall): void {
    if (call === this.#call) this.#settle();
  }

  onCallFailed(call: UpstreamCall, failure: ForwardError): void {
    if (call !== this.#call) return;
    this.#call = undefined;
    if (!failure.byShopper) call.upstream.breaker?.recordFailure();
    this.#onFailure(failure);
  }

  /**
   * The new side sent nothing within its budget: the request leaves the queue or its attempt, the breaker
   * counts a failure, and the fallback answers (#onFailure), so a hung new side costs a shopper the budget
   * and, once the breaker opens, nothing.
   */
  onFirstByteBudgetSpent(): void {
    this.#budgetTimer = undefined;
    if (this.#settled || this.res.headersSent) return;
    const upstream = this.#upstream;
    const failure = new ForwardError("response-head", upstream.name,
      new FirstByteTimeoutError(`no first byte within ${upstream.firstByteTimeoutMs} ms`), { timedOut: true });
    if (this.#call !== undefined) {
      this.#call.abort(failure); // its failure comes back through onCallFailed
      return;
    }
    if (this.#waiting) {
      this.#leaveQueue();
      upstream.breaker?.recordFailure();
      this.#onFailure(failure);
    }
  }

  /** The shopper's connection closed before the job settled. */
  onShopperGone(): void {
    if (this.#settled) return;
    this.#reader?.stop();
    if (this.#call !== undefined) {
      this.#call.abort(new ShopperGoneError("the shopper closed the connection"));
      return; // the attempt's failure settles
    }
    this.#leaveQueue();
    this.#failure ??= new ForwardError("request-body", this.#upstream.name, new ShopperGoneError("the shopper closed the connection"), { byShopper: true });
    this.#settle();
  }

  #target(decision: Decision): void {
    this.ex.decision = decision;
    this.#upstream = this.#ctx.upstreams.get(decision.target) ?? this.#ctx.legacy;
    this.ex.upstream = this.#upstream;
  }

  #admit(): void {
    // Decided before the breaker opened (a burst of requests to a hung new side): straight to the fallback.
    if (this.#upstream.breaker?.state() === "open" && canReplay(this.ex)) {
      return this.#replay(new ForwardError("circuit", this.#upstream.name, "the circuit opened after the decision"));
    }
    const slots = this.#upstream.slots;
    if (slots.tryAcquire()) return this.#dispatch();
    if (slots.wait(this)) {
      this.#waiting = true;
      return;
    }
    const name = this.#upstream.name;
    this.#onFailure(new ForwardError("queue", name, new UpstreamBusyError(name, "queue-full", slots.stats().queueLength)));
  }

  #dispatch(): void {
    const upstream = this.#upstream;
    const { ex } = this;
    const attempt = ex.trace?.startAttempt(upstream, ex.method, ex.req.url!, ex.upstreamHead);
    const call = new UpstreamCall(this, upstream, attempt);
    this.#call = call;
    (this.#fresh ? upstream.freshPool : upstream.pool).dispatch(
      { path: ex.req.url!, method: ex.method, headers: headForUpstream(ex.upstreamHead, upstream === this.#ctx.legacy, ex.hostStore), body: this.#body },
      call,
    );
  }

  #onFailure(failure: ForwardError): void {
    const { ex } = this;
    if (this.res.destroyed) return this.#fail(failure);
    if (!this.#fresh && !this.res.headersSent && isIdempotentWithoutBody(ex) && isStaleSocketFailure(failure)) {
      this.#fresh = true; // once: a new connection is never stale, so a second failure is final
      return this.#admit();
    }
    if (!failure.byShopper && canReplay(ex)) return this.#replay(failure);
    this.#fail(failure);
  }

  #replay(failure: ForwardError): void {
    const { ex } = this;
    ex.replayed = true;
    ex.failure = failure.stage;
    this.#failure = failure;
    this.#replayedFrom = this.#upstream.name;
    this.#fresh = false;
    this.#disarmFirstByteBudget();
    this.#call = undefined; // a 5xx answer may still be draining: its end must not settle this job
    this.#target(ex.decision!.onFailure!);
    this.#admit();
  }

  #fail(failure: ForwardError): void {
    const { ex, res } = this;
    ex.failure = failure.stage;
    this.#failure = failure;
    if (res.headersSent || res.destroyed) {
      res.destroy(); // mid-body: the shopper sees a cut connection, never a spliced page
    } else {
      // A body we did not read to its end leaves the connection unusable for another request.
      const close = this.hasBody && !Buffer.isBuffer(this.#body);
      ex.trace?.startResponse();
      sendErrorPage(res, statusForFailure(failure), ex.debug ? ["X-Strangler-Decision", formatDecision(ex.decision!)] : [], close);
    }
    this.#settle();
  }

  #leaveQueue(): void {
    if (!this.#waiting) return;
    this.#waiting = false;
    this.#upstream.slots.cancel(this);
  }

  /** Only where a fallback can answer: a GET/HEAD to an upstream with a breaker (every one but legacy). */
  #armFirstByteBudget(): void {
    if (this.#upstream.breaker === undefined || !canReplay(this.ex)) return;
    this.#budgetTimer = setTimeout(onFirstByteBudget, this.#upstream.firstByteTimeoutMs, this);
  }

  #disarmFirstByteBudget(): void {
    if (this.#budgetTimer === undefined) return;
    clearTimeout(this.#budgetTimer);
    this.#budgetTimer = undefined;
  }

  #settle(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#disarmFirstByteBudget();
    this.#reader?.stop();
    this.ex.shadowTap?.settle();
    this.#resolve({ failure: this.#failure, replayedFrom: this.#replayedFrom });
  }
}

function onFirstByteBudget(job: ForwardJob): void {
  job.onFirstByteBudgetSpent();
}

function onShopperClose(this: ResponseWithJob): void {
  this[JOB]?.onShopperGone();
}
