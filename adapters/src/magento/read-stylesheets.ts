// Magento page HTML → the theme's stylesheets: every `<link rel="stylesheet">` of the document head,
// in document order (the cascade depends on it), with its media query. Pure.
import { Parser } from "htmlparser2";
import type { Stylesheet } from "../domain/theme.ts";

export function readStylesheets(html: string): Stylesheet[] {
  const found: Stylesheet[] = [];
  let inBody = false;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === "body") inBody = true;
      if (inBody || name !== "link") return;
      const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
      const href = attributes.href?.trim();
      // An alternate stylesheet is off until the shopper picks it: not part of the look.
      if (!href || !rel.includes("stylesheet") || rel.includes("alternate")) return;
      found.push({ href, ...(attributes.media?.trim() ? { media: attributes.media.trim() } : {}) });
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return found;
}
