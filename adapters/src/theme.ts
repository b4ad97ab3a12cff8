// The legacy store's theme: the stylesheets its page head links, read from the store's home page so
// the new frontend can link the very same files (a real store's look carries over by construction).
// Tagged `strangler_theme`; Magento's "flush cache" purge (`.*`) drops it too, as does a purge of
// that tag after a static-content deploy.
import type { RequestContext } from "./domain/context.ts";
import type { Stylesheet } from "./domain/theme.ts";
import { readStylesheets } from "./magento/read-stylesheets.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

export const themeTag = "strangler_theme";

export function createThemeArea(deps: AreaDeps) {
  async function getThemeStylesheets(ctx: RequestContext = {}): Promise<Stylesheet[]> {
    return readThrough(deps, ctx, {
      resource: "theme-stylesheets",
      args: {},
      ttl: deps.config.ttls.storeConfig,
      tags: () => [themeTag],
      load: async () => readStylesheets(await deps.storefront.getHtml("theme stylesheets", "/", ctx)),
    });
  }
  return { getThemeStylesheets };
}
