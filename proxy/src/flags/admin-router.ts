// The flags part of the admin API, mounted by the proxy under /flags on the admin port (behind its token).
//   GET    /flags               every plan's flag (and any other flag the store knows) with its state, and
//                              for each plan the share of sessions the flag sends to the plan's target now
//   GET    /flags/:name         one flag
//   PUT    /flags/:name         local store only: { "percentage": 30 } / { "enabled": false } / { "stickiness": "random" }
//   POST   /flags/:name/kill    kill switch: all of the flag's traffic to legacy at once (both modes)
//   DELETE /flags/:name/kill    lift the kill switch
// Every change writes one audit line (who: res.locals.actor, set by the admin app's auth; why: the
// X-Strangler-Why header) with the share before and after.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { AuditLog } from "../admin/audit-log.ts";
import { readActor, readWhy } from "../admin/actor.ts";
import { FlagsError, FlagsManagedElsewhereError } from "./errors.ts";
import type { FlagState, FlaggedPlan, ManagedFlagProvider, Rollout } from "./types.ts";

export type PlansSource = readonly FlaggedPlan[] | (() => readonly FlaggedPlan[]);

const patchSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    percentage: z.number().int("percentage must be a whole number from 0 to 100").min(0).max(100).optional(),
    stickiness: z.enum(["sessionId", "random"]).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, "send at least one of enabled, percentage, stickiness");

/** The share of sessions (0..100) a flag sends to its plan's target now, and what decides it. */
export interface FlagShare {
  /** null when Unleash decides with something other than one rollout (several strategies, another kind). */
  percentage: number | null;
  decidedBy: "kill-switch" | "local" | "plan-rollout" | "unleash" | "unknown-to-unleash";
}

interface FlagView extends FlagState {
  plans: Array<{ id: string; rollout: Rollout; share: FlagShare }>;
}

/** The one strategy's rollout, as unleash-client reads it; constraints set in Unleash may narrow it further. */
function readUnleashPercentage(toggle: NonNullable<FlagState["unleash"]>): number | null {
  if (!toggle.enabled) return 0;
  if (toggle.strategies.length === 0) return 100;
  const [only, ...others] = toggle.strategies;
  if (!only || others.length > 0) return null;
  if (only.name === "default") return 100;
  const rollout = Number(only.parameters?.rollout);
  return only.name === "flexibleRollout" && Number.isInteger(rollout) && rollout >= 0 && rollout <= 100 ? rollout : null;
}

/** Mirrors the providers' evaluate(): kill first, then the store that decides, else the plan's rollout. */
export function describeShare(state: FlagState, rollout: Rollout, providerReady: boolean): FlagShare {
  if (state.killed) return { percentage: 0, decidedBy: "kill-switch" };
  if (state.mode === "local") {
    return state.local ? { percentage: state.local.enabled ? state.local.percentage : 0, decidedBy: "local" } : { percentage: rollout.percentage, decidedBy: "plan-rollout" };
  }
  if (!providerReady) return { percentage: rollout.percentage, decidedBy: "plan-rollout" };
  return state.unleash ? { percentage: readUnleashPercentage(state.unleash), decidedBy: "unleash" } : { percentage: 0, decidedBy: "unknown-to-unleash" };
}

function readPlans(plans: PlansSource): readonly FlaggedPlan[] {
  return typeof plans === "function" ? plans() : plans;
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: code, message });
}

export function createFlagsAdminRouter(provider: ManagedFlagProvider, plans: PlansSource, audit?: AuditLog): Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));

  const plansOf = (name: string) => readPlans(plans).filter((plan) => plan.flag === name);
  const view = (name: string): FlagView => {
    const state = provider.getFlag(name);
    const share = (rollout: Rollout) => describeShare(state, rollout, provider.ready());
    return { ...state, plans: plansOf(name).map((plan) => ({ id: plan.id, rollout: plan.rollout, share: share(plan.rollout) })) };
  };
  const isKnown = (name: string) => plansOf(name).length > 0 || provider.getFlag(name).local !== undefined;
  const unknownFlag = (res: Response, name: string) => {
    const known = [...new Set(readPlans(plans).map((plan) => plan.flag))].sort().join(", ") || "none";
    sendError(res, 404, "UNKNOWN_FLAG", `no plan uses flag "${name}"; known flags: ${known}`);
  };

  /** Runs a change and writes its audit line; the share is the first plan's (a flag serves one plan as a rule). */
  const change = async (req: Request<{ name: string }>, res: Response, action: string, apply: () => Promise<unknown>, values?: Record<string, unknown>) => {
    const { name } = req.params;
    const before = view(name);
    await apply();
    const after = view(name);
    await audit?.write({
      actor: readActor(req, res), action, flag: name, plan: after.plans[0]?.id,
      from: before.plans[0]?.share.percentage ?? null, to: after.plans[0]?.share.percentage ?? null, why: readWhy(req), values,
    });
    res.json(after);
  };

  router.get("/", (_req, res) => {
    const names = new Set([...readPlans(plans).map((plan) => plan.flag), ...provider.listFlags().map((flag) => flag.name)]);
    res.json({ mode: provider.mode, flags: [...names].sort().map(view) });
  });

  router.get("/:name", (req: Request<{ name: string }>, res) => {
    if (!isKnown(req.params.name)) return unknownFlag(res, req.params.name);
    res.json(view(req.params.name));
  });

  router.put("/:name", async (req: Request<{ name: string }>, res) => {
    const { name } = req.params;
    if (!isKnown(name)) return unknownFlag(res, name);
    const patch = patchSchema.safeParse(req.body ?? {});
    if (!patch.success) return sendError(res, 400, "BAD_FLAG_PATCH", z.prettifyError(patch.error));
    await change(req, res, "set", () => provider.setFlag(name, patch.data, plansOf(name)[0]?.rollout), patch.data);
  });

  router.post("/:name/kill", async (req: Request<{ name: string }>, res) => {
    const { name } = req.params;
    if (!isKnown(name)) return unknownFlag(res, name);
    await change(req, res, "kill", () => provider.kill(name, plansOf(name)[0]?.rollout));
  });

  router.delete("/:name/kill", async (req: Request<{ name: string }>, res) => {
    const { name } = req.params;
    if (!isKnown(name)) return unknownFlag(res, name);
    await change(req, res, "revive", () => provider.revive(name, plansOf(name)[0]?.rollout));
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof FlagsManagedElsewhereError) return sendError(res, 409, error.code, error.message);
    if (error instanceof SyntaxError) return sendError(res, 400, "BAD_JSON", `request body is not valid JSON: ${error.message}`);
    if (error instanceof FlagsError) return sendError(res, 500, error.code, error.message);
    sendError(res, 500, "FLAGS_ADMIN_FAILED", error instanceof Error ? error.message : String(error));
  });
  return router;
}
