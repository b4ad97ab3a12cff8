// The migration dashboard on the admin port. `/` is the login form until a session exists, then the
// page; POST /login checks the admin token (constant time) and sets the session cookie (no token ever in
// a URL); the page's scripts and uPlot come from this process (works offline, strict CSP); its data is
// GET /dashboard/api/state, polled, behind the same auth as the rest of the admin API.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import express from "express";
import type { NextFunction, Request, RequestHandler, Response, Router } from "express";
import { readBearer } from "../../shop/debug-token.ts";
import type { TokenCheck } from "../../shop/debug-token.ts";
import { readDashboardState } from "./dashboard-state.ts";
import type { DashboardSources } from "./dashboard-state.ts";
import { CSRF_HEADER, createSessionSigner } from "./session.ts";

const here = (file: string) => fileURLToPath(new URL(`./public/${file}`, import.meta.url));
const require = createRequire(import.meta.url);
const ASSETS: Record<string, string> = {
  "app.js": here("app.js"), "app.css": here("app.css"),
  "uPlot.iife.min.js": require.resolve("uplot/dist/uPlot.iife.min.js"), "uPlot.min.css": require.resolve("uplot/dist/uPlot.min.css"),
};
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const PAGE_HEADERS = {
  "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
};

export interface DashboardOptions extends DashboardSources {
  isAdminToken: TokenCheck;
  /** The admin token: sessions are signed with a key derived from it. */
  sessionSecret: string;
  /** Optional. Session lifetime, default 8 hours. */
  sessionTtlMs?: number;
}

export interface Dashboard {
  /** Login, logout, the page and its assets: mounted before the auth middleware. */
  publicRoutes: Router;
  /** Bearer token or dashboard session (plus CSRF header on writes); sets res.locals.actor for a session. */
  authenticate: RequestHandler;
  /** GET /dashboard/api/state: mounted after authenticate. */
  apiRoutes: Router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The login form's name field: printable, bounded; empty is "admin". */
function readLoginName(value: unknown): string {
  const name = typeof value === "string" ? value.replace(/[^\p{L}\p{N} ._@-]/gu, "").trim().slice(0, 60) : "";
  return name || "admin";
}

/** A browser names its page's origin on a POST (Referrer-Policy same-origin keeps it from being "null"); another origin's form must not log anyone in. */
function isSameOrigin(req: Request): boolean {
  const origin = req.get("origin");
  return origin === undefined || origin === `${req.protocol}://${req.get("host")}`;
}

export function createDashboard(options: DashboardOptions): Dashboard {
  const signer = createSessionSigner({ secret: options.sessionSecret, ttlMs: options.sessionTtlMs, now: options.now });
  const pages = { login: readFile(here("login.html"), "utf8"), app: readFile(here("index.html"), "utf8") };
  const sendLogin = async (res: Response, status: number, message = "") => {
    const html = (await pages.login).replace("<!--message-->", message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : "");
    res.status(status).set(PAGE_HEADERS).type("html").send(html);
  };

  const publicRoutes = express.Router();
  publicRoutes.get("/", async (req, res) => {
    if (!signer.read(req.headers.cookie)) return sendLogin(res, 200);
    res.set(PAGE_HEADERS).type("html").send(await pages.app);
  });
  publicRoutes.post("/login", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    if (!isSameOrigin(req)) return sendLogin(res, 403, "This form only works from the dashboard's own page.");
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!options.isAdminToken(typeof body.token === "string" ? body.token : undefined)) {
      // A pause per failure makes guessing slower; the token itself is at least 16 characters.
      await new Promise((resolve) => setTimeout(resolve, 250));
      return sendLogin(res, 401, "That is not the proxy's admin token.");
    }
    res.set("Set-Cookie", signer.issue(readLoginName(body.name)).cookie).redirect(303, "/");
  });
  publicRoutes.post("/logout", (req, res) => {
    if (!isSameOrigin(req)) return sendLogin(res, 403, "This form only works from the dashboard's own page.");
    res.set("Set-Cookie", signer.clearCookie).redirect(303, "/");
  });
  publicRoutes.get("/dashboard/assets/:file", (req: Request<{ file: string }>, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    res.set({ "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache" }).sendFile(file);
  });

  const authenticate: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (options.isAdminToken(readBearer(req.headers.authorization))) return next();
    const session = signer.read(req.headers.cookie);
    if (session) {
      if (!SAFE_METHODS.has(req.method) && !signer.checkCsrf(session, req.get(CSRF_HEADER))) {
        res.status(403).json({ code: "CSRF", message: `a dashboard session's changes need the ${CSRF_HEADER} header from GET /dashboard/api/session` });
        return;
      }
      res.locals.actor = `dashboard:${session.name}`;
      return next();
    }
    res.status(401).set("WWW-Authenticate", 'Bearer realm="strangler-admin"')
      .json({ code: "UNAUTHORIZED", message: "send Authorization: Bearer <ADMIN_TOKEN>" });
  };

  const apiRoutes = express.Router();
  apiRoutes.get("/dashboard/api/session", (req, res) => {
    const session = signer.read(req.headers.cookie);
    res.set("Cache-Control", "no-store").json(session ? { name: session.name, csrf: session.csrf, expiresAt: session.expiresAt } : { name: null, csrf: null });
  });
  apiRoutes.get("/dashboard/api/state", (req, res, next) => {
    const minutes = Math.max(5, Math.min(Number(req.query.minutes) || 60, 180));
    readDashboardState(options, minutes).then((state) => { res.set("Cache-Control", "no-store").json(state); }, next);
  });
  return { publicRoutes, authenticate, apiRoutes };
}
