// The request line's target, checked before anything routes on it: origin-form is normalized;
// absolute-form is accepted only for the shop's own Host (no open proxy); `*` and CONNECT are refused.
import type { IncomingMessage } from "node:http";
import { RequestRefusedError } from "../errors.ts";
import { normalizePath } from "./normalize-path.ts";

export interface RequestTarget {
  /** Normalized path, what routing matches and what the upstream receives. */
  path: string;
  /** "?…" or "". Passed on unchanged. */
  search: string;
}

const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)(.*)$/i;

/** Checks the method and target and returns the normalized target. Throws RequestRefusedError. */
export function readRequestTarget(req: IncomingMessage): RequestTarget {
  if (req.method === "CONNECT") throw new RequestRefusedError("METHOD_CONNECT", "CONNECT is not allowed: this is not an open proxy", 405);
  let target = req.url ?? "";
  if (target[0] !== "/") target = readAbsoluteForm(target, req.headers.host);
  const queryAt = target.indexOf("?");
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const search = queryAt === -1 ? "" : target.slice(queryAt);
  if (search.includes("#")) throw new RequestRefusedError("TARGET_FRAGMENT", "a request target must not carry a fragment");
  return { path: normalizePath(rawPath), search };
}

function readAbsoluteForm(target: string, host: string | undefined): string {
  const match = ABSOLUTE_FORM.exec(target);
  if (!match) throw new RequestRefusedError("TARGET_FORM", "the request target must be a path starting with /");
  const authority = match[1]!.toLowerCase();
  if (host === undefined || authority !== host.toLowerCase()) {
    throw new RequestRefusedError("TARGET_OTHER_HOST", "absolute-form targets are accepted only for this shop's own host");
  }
  const rest = match[2] ?? "";
  return rest[0] === "/" ? rest : "/" + rest;
}
