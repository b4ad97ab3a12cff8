import type { Request } from "express";
import type { Commerce } from "../commerce/types.ts";
import { parseCookies } from "../storefront/cookies.ts";
import { consumerNotAuthorized } from "./respond.ts";

/** Bearer tokens: Magento's REST reads `Authorization: Bearer <token>` for customers and admins. */
export function readBearer(req: Request): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.get("authorization") ?? "");
  return match?.[1]?.trim();
}

/**
 * The signed-in customer's id, or a 401 "self" error. A Bearer token wins; without one, the
 * storefront session cookie signs the customer in (Magento's session-based web API auth, which
 * is how Luma's own checkout JS calls carts/mine).
 */
export function requireCustomer(commerce: Commerce, req: Request): number {
  const token = readBearer(req);
  const sessionId = parseCookies(req.get("cookie")).PHPSESSID;
  const customerId = token
    ? commerce.resolveCustomerToken(token)
    : sessionId !== undefined
      ? commerce.sessions.get(sessionId)?.customerId
      : undefined;
  if (customerId === undefined) throw consumerNotAuthorized("self");
  return customerId;
}

/** Admin ACL resources (Magento_Catalog::products…) all need an admin token here. */
export function requireAdmin(commerce: Commerce, req: Request, resource: string): void {
  const token = readBearer(req);
  if (!token || !commerce.isAdminToken(token)) throw consumerNotAuthorized(resource);
}
