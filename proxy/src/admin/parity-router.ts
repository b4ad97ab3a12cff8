// GET /parity: every shadowed plan's parity score, per page type and per field; GET /parity/:plan/samples:
// that plan's last mismatches, newest first, with both sides' facts and the differences.
import { Router } from "express";
import type { ParityScores } from "../parity/parity-board.ts";

export function createParityRouter(board: ParityScores): Router {
  const router = Router();
  router.get("/", (_req, res) => { res.json({ plans: board.scores() }); });
  router.get("/:plan/samples", (req, res) => {
    const plan = req.params.plan;
    const known = board.scores().some((score) => score.plan === plan);
    if (!known) {
      res.status(404).json({ code: "NOT_FOUND", message: `no parity recorded for plan "${plan}" (is it in stage shadow, and has a sample been compared?)` });
      return;
    }
    res.json({ plan, samples: board.samples(plan) });
  });
  return router;
}
