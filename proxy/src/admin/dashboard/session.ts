// Dashboard sessions: a signed, opaque cookie (HMAC-SHA256 with a key derived from ADMIN_TOKEN), so
// every worker sharing the admin port accepts it with no session store, and rotating ADMIN_TOKEN ends
// every session. The cookie is HttpOnly and SameSite=Strict; state-changing calls also carry a CSRF token
// derived from the session, sent in a header a cross-site form cannot set.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { parseCookies } from "../../routing/session-cookie.ts";

export const SESSION_COOKIE = "strangler_admin";
export const CSRF_HEADER = "x-strangler-csrf";

export interface DashboardSession {
  /** Who logged in, as typed on the login form: the audit log's actor is "dashboard:<name>". */
  name: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  csrf: string;
}

export interface SessionSigner {
  /** A new session: the Set-Cookie value and the session it stands for. */
  issue(name: string): { cookie: string; session: DashboardSession };
  /** The session of a Cookie header, or undefined when absent, forged or expired. */
  read(cookieHeader: string | undefined): DashboardSession | undefined;
  /** Constant-time check of a CSRF header against the session's token. */
  checkCsrf(session: DashboardSession, header: string | undefined): boolean;
  clearCookie: string;
}

export interface SessionOptions {
  /** Required. The admin token: the signing key is derived from it. */
  secret: string;
  /** Optional. Session lifetime in milliseconds, default 8 hours. */
  ttlMs?: number;
  now?: () => number;
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export function createSessionSigner(options: SessionOptions): SessionSigner {
  const key = createHmac("sha256", options.secret).update("strangler dashboard session v1").digest();
  const ttlMs = options.ttlMs ?? 8 * 3_600_000;
  const now = options.now ?? Date.now;
  const sign = (text: string) => createHmac("sha256", key).update(text).digest();
  const csrfOf = (id: string) => createHmac("sha256", key).update(`csrf.${id}`).digest("base64url");
  const cookieOf = (value: string, maxAgeSeconds: number) =>
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;

  return {
    issue(name) {
      const id = randomBytes(18).toString("base64url");
      const expiresAt = now() + ttlMs;
      const payload = Buffer.from(JSON.stringify({ n: name, e: expiresAt, i: id })).toString("base64url");
      const value = `${payload}.${sign(payload).toString("base64url")}`;
      return { cookie: cookieOf(value, Math.floor(ttlMs / 1000)), session: { name, expiresAt, csrf: csrfOf(id) } };
    },
    read(cookieHeader) {
      const value = parseCookies(cookieHeader)[SESSION_COOKIE];
      const [payload, signature, extra] = value?.split(".") ?? [];
      if (!payload || !signature || extra !== undefined) return undefined;
      if (!sameBytes(Buffer.from(signature, "base64url"), sign(payload))) return undefined;
      let parsed: { n?: unknown; e?: unknown; i?: unknown };
      try { parsed = JSON.parse(Buffer.from(payload, "base64url").toString()) as typeof parsed; } catch { return undefined; }
      if (typeof parsed.n !== "string" || typeof parsed.e !== "number" || typeof parsed.i !== "string" || parsed.e <= now()) return undefined;
      return { name: parsed.n, expiresAt: parsed.e, csrf: csrfOf(parsed.i) };
    },
    checkCsrf(session, header) {
      return header !== undefined && sameBytes(Buffer.from(header), Buffer.from(session.csrf));
    },
    clearCookie: cookieOf("", 0),
  };
}
