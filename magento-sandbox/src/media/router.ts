import { Router } from "express";
import { createPlaceholderJpeg, createPlaceholderPng, shadeFor } from "./placeholder-images.ts";

const CONTENT_TYPES: Record<string, string> = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png" };
const ONE_YEAR_SECONDS = 31_536_000;

/**
 * `/media/catalog/product/<a>/<b>/<file>` and the resized `/cache/<hash>/...` form answer a
 * generated placeholder of the right type; other extensions are 404 as a missing file is.
 */
export function createMediaRouter(): Router {
  const router = Router();
  const cache = new Map<string, Buffer>();
  router.get(/^\/media\/catalog\/product\/(.+)$/, (req, res) => {
    const file = req.path.replace(/^\/media\/catalog\/product\/(?:cache\/[0-9a-f]+\/)?/, "");
    const extension = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() ?? "";
    const contentType = CONTENT_TYPES[extension];
    if (!contentType) {
      res.status(404).type("text/plain").send("File not found");
      return;
    }
    const key = `${extension}:${file}`;
    let body = cache.get(key);
    if (!body) {
      body = contentType === "image/png" ? createPlaceholderPng(shadeFor(file)) : createPlaceholderJpeg(shadeFor(file));
      if (cache.size < 5000) cache.set(key, body);
    }
    res.status(200).set({ "Content-Type": contentType, "Cache-Control": `public, max-age=${ONE_YEAR_SECONDS}` }).send(body);
  });
  return router;
}
