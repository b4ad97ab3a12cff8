// When a failed request may be sent again to the fallback: only GET and HEAD, only without a body, only
// once, only when the decision names a fallback, and only before a byte of the answer left the proxy.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Decision } from "../routing/route-table.ts";

export interface ReplayCandidate {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  decision: Decision | undefined;
  replayed: boolean;
}

export function canReplay(ex: ReplayCandidate): boolean {
  if (ex.replayed || ex.decision?.onFailure === undefined || ex.res.headersSent) return false;
  if (ex.method !== "GET" && ex.method !== "HEAD") return false;
  const headers = ex.req.headers;
  if (headers["transfer-encoding"] !== undefined) return false;
  const length = headers["content-length"];
  return length === undefined || length === "0";
}
