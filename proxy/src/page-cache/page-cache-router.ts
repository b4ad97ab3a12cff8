// The admin API's /page-cache: GET for the cache's figures, POST /page-cache/purge with
// `{ "tags": ["cat_p_1"] }` or `{ "all": true }` to drop pages (what the purge endpoint calls after the new
// frontend re-rendered, when there is no Redis channel). Behind the admin port's token like every route.
import express from "express";
import type { Router } from "express";
import { z } from "zod";
import type { PageCache } from "./page-cache.ts";

const purgeSchema = z.union([
  z.object({ tags: z.array(z.string().regex(/^[A-Za-z0-9_:.-]{1,200}$/, "tags are letters, digits and _ : . -")).min(1).max(100_000) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export function createPageCacheRouter(cache: PageCache): Router {
  const router = express.Router();
  router.get("/", (_req, res) => { res.json(cache.stats()); });
  router.post("/purge", express.json({ limit: "2mb" }), (req, res) => {
    const parsed = purgeSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ code: "PURGE_INVALID", message: parsed.error.issues.map((issue) => issue.message).join("; ") });
      return;
    }
    const body = parsed.data;
    const all = "all" in body;
    const dropped = cache.purge("tags" in body ? body.tags : [], all);
    res.json({ dropped, all });
  });
  return router;
}
