// The admin API, on its own port, never the shop's: health and readiness (open, for probes), then,
// behind `Authorization: Bearer <ADMIN_TOKEN>` (constant-time compare), recent decisions, loaded plans
// and their last problems, upstream circuits, Prometheus metrics and the flags member's /flags router.
// With a dashboard, `/` is its login form and page, and a dashboard session counts as the token too.
import express from "express";
import type { NextFunction, Request, Response, Router } from "express";
import type { Upstream } from "../forward/upstream.ts";
import type { PlanState } from "../plans/plan-state.ts";
import { readBearer } from "../shop/debug-token.ts";
import type { TokenCheck } from "../shop/debug-token.ts";
import type { TrafficStats } from "../stats/traffic-stats.ts";
import type { AuditLog } from "./audit-log.ts";
import type { Dashboard } from "./dashboard/dashboard-router.ts";
import type { DecisionLog } from "./decision-log.ts";
import { renderMetrics } from "./metrics.ts";
import type { ProxyMetrics } from "./metrics.ts";

export interface AdminAppDeps {
  isAdminToken: TokenCheck;
  decisions: DecisionLog;
  plans: PlanState;
  metrics: ProxyMetrics;
  /** The /metrics text; default this process's registry (a cluster worker passes the whole cluster's). */
  renderMetrics?: () => Promise<string>;
  upstreams: ReadonlyMap<string, Upstream>;
  /** ready: legacy has answered once and the proxy is not draining. */
  isReady(): { ready: boolean; legacyAnswered: boolean; flagsReady: boolean; draining: boolean };
  /** Mounted at /flags when the flag provider can be managed. */
  flagsRouter?: Router | undefined;
  /** Mounted at /rollout when the rollout controller runs (rollout/admin-router.ts). */
  rolloutRouter?: Router | undefined;
  /** Per-minute counts per plan and side, served at /stats/traffic. */
  trafficStats?: TrafficStats | undefined;
  /** Flag changes, served at /audit. */
  audit?: AuditLog | undefined;
  /** The migration dashboard: its login and page at `/`, its session accepted like the token. */
  dashboard?: Dashboard | undefined;
  /** Mounted at /parity: stage shadow's scores and mismatch samples. */
  parityRouter?: Router | undefined;
  /** Mounted at /page-cache when the shared page cache is on. */
  pageCacheRouter?: Router | undefined;
}

export function createAdminApp(deps: AdminAppDeps): express.Express {
  const render = deps.renderMetrics ?? (() => renderMetrics(deps.metrics));
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => { res.json({ ok: true }); });
  app.get("/readyz", (_req, res) => {
    const state = deps.isReady();
    res.status(state.ready ? 200 : 503).json(state);
  });
  if (deps.dashboard) app.use(deps.dashboard.publicRoutes);
  app.use(deps.dashboard?.authenticate ?? ((req: Request, res: Response, next: NextFunction) => {
    if (deps.isAdminToken(readBearer(req.headers.authorization))) return next();
    res.status(401).set("WWW-Authenticate", 'Bearer realm="strangler-admin"')
      .json({ code: "UNAUTHORIZED", message: "send Authorization: Bearer <ADMIN_TOKEN>" });
  }));
  if (deps.dashboard) app.use(deps.dashboard.apiRoutes);
  app.get("/decisions", (req, res) => {
    const limit = Math.max(1, Math.min(Number(req.query.limit) || 100, 10_000));
    res.json({ decisions: deps.decisions.list(limit) });
  });
  app.get("/plans", (_req, res) => { res.json(deps.plans.status()); });
  app.get("/upstreams", (_req, res) => {
    res.json({ upstreams: [...deps.upstreams.values()].map((u) => ({ name: u.name, url: u.url.href, circuit: u.breaker?.state() ?? "none" })) });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await render());
  });
  if (deps.trafficStats) app.get("/stats/traffic", readTraffic(deps.trafficStats));
  if (deps.audit) {
    const audit = deps.audit;
    app.get("/audit", (req, res, next) => {
      const plan = typeof req.query.plan === "string" && req.query.plan !== "" ? req.query.plan : undefined;
      audit.list({ plan, limit: Math.min(Number(req.query.limit) || 100, 1_000) }).then((entries) => { res.json({ entries }); }, next);
    });
  }
  if (deps.flagsRouter) app.use("/flags", deps.flagsRouter);
  if (deps.parityRouter) app.use("/parity", deps.parityRouter);
  if (deps.rolloutRouter) app.use("/rollout", deps.rolloutRouter);
  if (deps.pageCacheRouter) app.use("/page-cache", deps.pageCacheRouter);
  app.use((_req, res) => { res.status(404).json({ code: "NOT_FOUND", message: "no such admin endpoint" }); });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    const status = (error as { status?: number }).status ?? 500;
    res.status(status).json({ code: status === 500 ? "INTERNAL" : "BAD_REQUEST", message: status === 500 ? "internal error" : String((error as Error).message) });
  });
  return app;
}

/** GET /stats/traffic?plan=<id>&minutes=<1..1440>: the last minutes (current one included), oldest first. */
function readTraffic(stats: TrafficStats) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const minutes = Math.max(1, Math.min(Number(req.query.minutes) || 60, 1_440));
    const plan = typeof req.query.plan === "string" && req.query.plan !== "" ? req.query.plan : undefined;
    const to = Date.now() + 60_000 - (Date.now() % 60_000);
    try {
      res.json({ minutes: await stats.minutes(plan, to - minutes * 60_000, to) });
    } catch (error) {
      next(error);
    }
  };
}
