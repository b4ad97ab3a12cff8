// Sorting an attempt's failure into a stage, by where the attempt was when it failed (not by error text),
// and what each stage means for the shopper: the status of the page we answer with, and whether a pooled
// socket that died under the request may be blamed (then a GET/HEAD is sent once more on a new connection).
import { errors } from "undici";
import { ForwardError, RequestBodyTooSlowError } from "../errors.ts";
import type { ForwardStage } from "../errors.ts";
import { SOCKET_BYTES_READ } from "./upstream.ts";

/** How far an attempt got: dispatched (connecting), writing the request, waiting for the head, reading the body. */
export type CallPhase = "connecting" | "sending" | "waiting" | "receiving";

/** Set on errors we raise ourselves for the shopper's side (left, stopped reading). */
export class ShopperGoneError extends Error {
  readonly code = "SHOPPER_GONE";
}

export class ShopperSendTimeoutError extends Error {
  readonly code = "SHOPPER_SEND_TIMEOUT";
}

/** The upstream sent no byte within its first-byte budget (a hung new side). */
export class FirstByteTimeoutError extends Error {
  readonly code = "FIRST_BYTE_TIMEOUT";
}

const CONNECT_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL"]);

export function classifyFailure(upstream: string, phase: CallPhase, error: Error, hasBody: boolean): ForwardError {
  if (error instanceof ForwardError) return error;
  if (error instanceof ShopperGoneError) return new ForwardError(phase === "receiving" ? "response-body" : "request-body", upstream, error, { byShopper: true });
  if (error instanceof ShopperSendTimeoutError) return new ForwardError("response-body", upstream, error, { byShopper: true, timedOut: true });
  if (error instanceof RequestBodyTooSlowError) return new ForwardError("request-body", upstream, error, { byShopper: true, timedOut: true });
  const code = (error as { code?: string }).code ?? "";
  // undici refused what the shopper sent (a header value it will not write): nothing reached the upstream.
  if (code === "UND_ERR_INVALID_ARG" || code === "UND_ERR_NOT_SUPPORTED") return new ForwardError("connect", upstream, error, { byShopper: true });
  if (phase === "connecting" || code === "UND_ERR_CONNECT_TIMEOUT" || CONNECT_CODES.has(code)) {
    return new ForwardError("connect", upstream, error, { timedOut: code === "UND_ERR_CONNECT_TIMEOUT" });
  }
  if (phase === "receiving") return new ForwardError("response-body", upstream, error, { timedOut: code === "UND_ERR_BODY_TIMEOUT" });
  if (phase === "sending" && hasBody) return new ForwardError("request-body", upstream, error);
  return new ForwardError("response-head", upstream, error, { timedOut: code === "UND_ERR_HEADERS_TIMEOUT" });
}

/** A connection the pool had used before died before this request's answer: the upstream closed it while idle. */
export function isStaleSocketFailure(failure: ForwardError): boolean {
  if (failure.stage !== "response-head" || failure.timedOut) return false;
  const cause = failure.cause as (Error & { socket?: { bytesRead?: number }; [SOCKET_BYTES_READ]?: number; code?: string }) | undefined;
  if (cause === undefined) return false;
  if (cause instanceof errors.SocketError) return (cause.socket?.bytesRead ?? 0) > 0;
  return (cause.code === "ECONNRESET" || cause.code === "EPIPE") && (cause[SOCKET_BYTES_READ] ?? 0) > 0;
}

/** The page's status when the shopper has seen nothing yet. */
export function statusForFailure(failure: ForwardError): number {
  const stage: ForwardStage = failure.stage;
  if (stage === "queue") return 503;
  if (failure.byShopper && (stage === "request-body" || stage === "connect")) return failure.timedOut ? 408 : 400;
  if (stage === "response-head" && failure.timedOut) return 504;
  return 502;
}
