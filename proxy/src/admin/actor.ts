// Who is calling the admin API, for the audit log. The dashboard's session names its user; a Bearer
// caller may say who it is in X-Strangler-Actor (the CLI sends "cli:<user>"), else it is "api". Header
// values are percent-decoded when they can be (the CLI encodes non-ASCII), and bounded.
import type { Request, Response } from "express";

const MAX = 120;

function readHeader(req: Request, name: string): string | undefined {
  const raw = req.get(name)?.trim();
  if (!raw) return undefined;
  let value = raw;
  try { value = decodeURIComponent(raw); } catch { /* not encoded: taken as sent */ }
  // Control characters would forge log lines; they go, and the length stays bounded.
  const clean = value.replace(/\p{Cc}/gu, " ").trim().slice(0, MAX);
  return clean || undefined;
}

/** res.locals.actor when the admin app's auth set it (a dashboard session), else the header, else "api". */
export function readActor(req: Request, res: Response): string {
  const fromSession = (res.locals as { actor?: unknown }).actor;
  if (typeof fromSession === "string") return fromSession;
  return readHeader(req, "x-strangler-actor") ?? "api";
}

export function readWhy(req: Request): string | undefined {
  return readHeader(req, "x-strangler-why");
}
