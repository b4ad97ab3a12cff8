import type { Catalog } from "./types.ts";

const MAX_DEPTH = 3;

/**
 * Renders Magento template directives in CMS content the way the storefront filter does:
 * `{{store url="x"}}`, `{{media url="x"}}`, block widgets, and the sample data's
 * `{{category key="x"}}` / `{{product sku="x"}}` placeholders. Unknown directives render empty.
 */
export function renderCmsContent(content: string, catalog: Catalog, baseUrl: string, depth = 0): string {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return content.replace(/\{\{(\w+)([^}]*)\}\}/g, (_match, name: string, rawArgs: string) => {
    const args = parseArgs(rawArgs);
    switch (name) {
      case "store":
        return base + (args.url ?? args.direct_url ?? "").replace(/^\//, "");
      case "media":
        return `${base}media/${(args.url ?? "").replace(/^\//, "")}`;
      case "category": {
        const category = catalog.getCategoryByUrlKey(args.key ?? "");
        return category ? base + catalog.getCategoryUrl(category) : base;
      }
      case "product": {
        const product = catalog.getProductBySku(args.sku ?? "");
        return product ? base + catalog.getProductUrl(product) : base;
      }
      case "widget": {
        const block = args.block_id ? catalog.getCmsBlock(args.block_id) : undefined;
        return block && depth < MAX_DEPTH ? renderCmsContent(block.content, catalog, baseUrl, depth + 1) : "";
      }
      default:
        return "";
    }
  });
}

function parseArgs(raw: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const match of raw.matchAll(/(\w+)="([^"]*)"/g)) args[match[1] ?? ""] = match[2] ?? "";
  return args;
}
