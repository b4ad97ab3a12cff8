import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Router } from "express";

/**
 * The sandbox's Luma-like theme at Magento's static paths: `/static/version<N>/frontend/Magento/luma/en_US/…`
 * (Magento's web server strips the deploy version, so the unversioned path answers too). The files are
 * the sandbox's own (static/luma/SOURCE.md), not Magento's LESS build.
 */
export const STATIC_VERSION = "1735689600";
const themePath = "frontend/Magento/luma/en_US";
const assetsDir = join(import.meta.dirname, "../../static/luma");
const assets: Record<string, { file: string; type: string }> = {
  "css/styles-m.css": { file: "css/styles-m.css", type: "text/css; charset=utf-8" },
  "css/styles-l.css": { file: "css/styles-l.css", type: "text/css; charset=utf-8" },
  "images/logo.svg": { file: "images/logo.svg", type: "image/svg+xml" },
};

/** The `<link rel="stylesheet">` tags of Luma's head: mobile-first styles, desktop styles from 768px. */
export function themeStylesheets(base: string): { href: string; media: string }[] {
  const root = `${base}static/version${STATIC_VERSION}/${themePath}/css`;
  return [
    { href: `${root}/styles-m.css`, media: "all" },
    { href: `${root}/styles-l.css`, media: "screen and (min-width: 768px)" },
  ];
}

export function createThemeAssetsRouter(): Router {
  const router = Router();
  const bodies = new Map(Object.entries(assets).map(([name, asset]) => [name, readFileSync(join(assetsDir, asset.file))]));
  router.get(/^\/static\/(?:version\d+\/)?frontend\/Magento\/luma\/en_US\/(.+)$/, (req, res) => {
    const name = /^\/static\/(?:version\d+\/)?frontend\/Magento\/luma\/en_US\/(.+)$/.exec(req.path)?.[1] ?? "";
    const asset = assets[name];
    const body = bodies.get(name);
    if (!asset || !body) {
      res.status(404).type("text/plain").send("File not found");
      return;
    }
    res.status(200).set({ "Content-Type": asset.type, "Cache-Control": "public, max-age=31536000" }).send(body);
  });
  return router;
}
