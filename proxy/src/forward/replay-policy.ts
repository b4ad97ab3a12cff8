// When a failed request may be sent again to the fallback: only GET and HEAD without a body, or a GraphQL
// query the proxy read whole (its body buffered, its operation a query: nothing changes by running it twice),
// only once, only when the decision names a fallback, and only before a byte of the answer left the proxy.
// A mutation, and any other POST, is never replayed.
import type { ServerResponse } from "node:http";
import type { Decision } from "../routing/route-table.ts";

export interface ReplayCandidate {
  res: ServerResponse;
  method: string;
  hasBody: boolean;
  decision: Decision | undefined;
  replayed: boolean;
  /** The request is a GraphQL query the proxy read whole (a GET, or a POST body buffered before deciding). */
  graphqlQuery: boolean;
}

export function canReplay(ex: ReplayCandidate): boolean {
  if (ex.replayed || ex.decision?.onFailure === undefined || ex.res.headersSent) return false;
  return ex.graphqlQuery || isIdempotentWithoutBody(ex);
}

/** GET or HEAD without a body: safe to send twice (a stale pooled socket's retry, a replay). */
export function isIdempotentWithoutBody(ex: { method: string; hasBody: boolean }): boolean {
  return (ex.method === "GET" || ex.method === "HEAD") && !ex.hasBody;
}
