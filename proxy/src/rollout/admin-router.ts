// The rollout's admin API (mounted at /rollout behind the admin token): the read interface the dashboard
// renders, and operator commands. POST bodies are optional JSON: { "dryRun": true, "why": "…" }; the
// actor comes from X-Strangler-Actor as for the flags.
import express from "express";
import type { NextFunction, Request, Response, Router } from "express";
import { readActor, readWhy } from "../admin/actor.ts";
import { RolloutError, UnknownRampError } from "./errors.ts";
import type { RolloutService } from "./rollout-service.ts";
import type { OperatorCommand } from "./step-machine.ts";

const COMMANDS: readonly OperatorCommand[] = ["start", "pause", "resume", "promote", "rollback"];

export function createRolloutAdminRouter(service: RolloutService): Router {
  const router = express.Router();
  router.use(express.json({ limit: "4kb" }));
  router.get("/", (_req, res, next) => { service.list().then((ramps) => { res.json({ ramps }); }, next); });
  router.get("/:plan", (req, res, next) => { service.get(String(req.params.plan)).then((ramp) => { res.json(ramp); }, next); });
  router.post("/:plan/:command", (req, res, next) => {
    const command = String(req.params.command) as OperatorCommand;
    if (!COMMANDS.includes(command)) {
      res.status(404).json({ code: "UNKNOWN_COMMAND", message: `no rollout command "${command}"; use one of ${COMMANDS.join(", ")}` });
      return;
    }
    const body = (req.body ?? {}) as { dryRun?: unknown; why?: unknown };
    const dryRun = body.dryRun === true || req.query.dryRun === "1" || req.query.dryRun === "true";
    const why = typeof body.why === "string" ? body.why : readWhy(req);
    service.command(String(req.params.plan), command, { actor: readActor(req, res), why, dryRun }).then((outcome) => {
      if ("refused" in outcome) res.status(409).json({ code: "RAMP_REFUSED", message: outcome.refused, ...outcome });
      else res.json(outcome);
    }, next);
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof UnknownRampError) return void res.status(404).json({ code: error.code, message: error.message });
    if (error instanceof RolloutError) return void res.status(409).json({ code: error.code, message: error.message });
    next(error);
  });
  return router;
}
