import type { Commerce, Viewer } from "../commerce/index.ts";

export interface ResolvedViewer {
  viewer: Viewer;
  token?: string;
  /** A Bearer token was sent but names no valid, unrevoked customer token. */
  rejected: boolean;
}

/**
 * `Authorization: Bearer <token>` names the customer; without a token, the storefront's
 * PHPSESSID session does (session cookies stay enabled for GraphQL by default, 2.4.5+).
 * Anything else is a guest.
 */
export function resolveViewer(commerce: Commerce, authorization: string | undefined, cookieHeader?: string): ResolvedViewer {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    const sessionId = readCookie(cookieHeader, "PHPSESSID");
    const customerId = sessionId ? commerce.sessions.get(sessionId)?.customerId : undefined;
    return { viewer: customerId === undefined ? {} : { customerId }, rejected: false };
  }
  const token = match[1];
  const customerId = commerce.resolveCustomerToken(token);
  return customerId === undefined ? { viewer: {}, token, rejected: true } : { viewer: { customerId }, token, rejected: false };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
