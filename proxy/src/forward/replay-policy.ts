// When a failed request may be sent again to the fallback: only GET and HEAD, only without a body, only
// once, only when the decision names a fallback, and only before a byte of the answer left the proxy.
import type { ServerResponse } from "node:http";
import type { Decision } from "../routing/route-table.ts";

export interface ReplayCandidate {
  res: ServerResponse;
  method: string;
  hasBody: boolean;
  decision: Decision | undefined;
  replayed: boolean;
}

export function canReplay(ex: ReplayCandidate): boolean {
  if (ex.replayed || ex.decision?.onFailure === undefined || ex.res.headersSent) return false;
  return isIdempotentWithoutBody(ex);
}

/** GET or HEAD without a body: safe to send twice (a stale pooled socket's retry, a replay). */
export function isIdempotentWithoutBody(ex: { method: string; hasBody: boolean }): boolean {
  return (ex.method === "GET" || ex.method === "HEAD") && !ex.hasBody;
}
