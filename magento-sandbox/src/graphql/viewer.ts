import type { Commerce, Viewer } from "../commerce/index.ts";

export interface ResolvedViewer {
  viewer: Viewer;
  token?: string;
  /** A Bearer token was sent but names no valid, unrevoked customer token. */
  rejected: boolean;
}

/** `Authorization: Bearer <token>` → the customer it names; anything else is a guest. */
export function resolveViewer(commerce: Commerce, authorization: string | undefined): ResolvedViewer {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return { viewer: {}, rejected: false };
  const token = match[1];
  const customerId = commerce.resolveCustomerToken(token);
  return customerId === undefined ? { viewer: {}, token, rejected: true } : { viewer: { customerId }, token, rejected: false };
}
