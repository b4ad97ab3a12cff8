// The sticky `strangler_sid` cookie: the session id that keeps a shopper on the same side of every plan,
// on every proxy instance. Random, HttpOnly, SameSite=Lax, Secure under HTTPS, one year.
import { randomBytes } from "node:crypto";

export const SESSION_COOKIE = "strangler_sid";
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const VALID_SID = /^[A-Za-z0-9_-]{16,64}$/;

/** Reads one cookie's value from a raw Cookie header without building a map of all of them. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let from = 0;
  while (from < header.length) {
    const at = header.indexOf(name, from);
    if (at === -1) return undefined;
    const before = at === 0 ? " " : header[at - 1];
    const after = at + name.length;
    if ((before === " " || before === ";") && header[after] === "=") {
      const end = header.indexOf(";", after + 1);
      return header.slice(after + 1, end === -1 ? undefined : end).trim();
    }
    from = after;
  }
  return undefined;
}

/** Parses a Cookie header into a map (first occurrence wins, like browsers send most specific first). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** The shopper's session id if the cookie holds a well-formed one; otherwise undefined. */
export function readSessionId(cookieHeader: string | undefined): string | undefined {
  const value = readCookie(cookieHeader, SESSION_COOKIE);
  return value !== undefined && VALID_SID.test(value) ? value : undefined;
}

/** 128 random bits, URL-safe. `random` is injectable so tests are deterministic. */
export function createSessionId(randomSource: (size: number) => Buffer = randomBytes): string {
  return randomSource(16).toString("base64url");
}

export function formatSessionCookie(sessionId: string, secure: boolean): string {
  const flags = secure ? "; Secure" : "";
  return `${SESSION_COOKIE}=${sessionId}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${flags}`;
}
