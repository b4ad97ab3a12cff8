import type { Request, Response } from "express";

/** Cookie reading and writing with Magento's attributes (no cookie-parser dependency). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      cookies[name] = part.slice(index + 1).trim();
    }
  }
  return cookies;
}

export function readCookies(req: Request): Record<string, string> {
  return parseCookies(req.get("cookie"));
}

export interface CookieOptions {
  /** Seconds; omitted = session cookie. */
  maxAge?: number;
  httpOnly?: boolean;
  sameSite?: "Lax" | "Strict";
}

export function setCookie(req: Request, res: Response, name: string, value: string, options: CookieOptions = {}): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, "path=/"];
  if (options.maxAge !== undefined) {
    parts.push(`expires=${new Date(Date.now() + options.maxAge * 1000).toUTCString()}`, `Max-Age=${options.maxAge}`);
  }
  // Magento marks cookies Secure when the request came over HTTPS (directly or via the offloader).
  if (req.secure || req.get("x-forwarded-proto") === "https") parts.push("secure");
  if (options.httpOnly) parts.push("HttpOnly");
  parts.push(`SameSite=${options.sameSite ?? "Lax"}`);
  res.append("Set-Cookie", parts.join("; "));
}

/** Expires a cookie, as Magento's deleteCookie does. */
export function deleteCookie(req: Request, res: Response, name: string, httpOnly = false): void {
  const parts = [`${name}=deleted`, "expires=Thu, 01 Jan 1970 00:00:01 GMT", "Max-Age=0", "path=/"];
  if (req.secure || req.get("x-forwarded-proto") === "https") parts.push("secure");
  if (httpOnly) parts.push("HttpOnly");
  res.append("Set-Cookie", parts.join("; "));
}
