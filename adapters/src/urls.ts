// URL resolution through GraphQL `route`: path → page type, id/uid, redirect. Tagged with the
// entity's tag so a purge of a product or category also refreshes how its URL resolves.
import type { RequestContext } from "./domain/context.ts";
import type { UrlResolution } from "./domain/url.ts";
import { requireText } from "./arguments.ts";
import { routeQuery } from "./magento/queries/route.ts";
import { reshapeRoute } from "./magento/reshape-content.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

const tagPrefixes = { PRODUCT: "cat_p_", CATEGORY: "cat_c_", CMS_PAGE: "cms_p_" } as const;

function tagsOfResolution(resolution: UrlResolution): string[] {
  const key = resolution.type === "CMS_PAGE" ? resolution.identifier : resolution.id;
  return key === undefined ? [] : [`${tagPrefixes[resolution.type]}${key}`];
}

export function createUrlsArea(deps: AreaDeps) {
  async function resolveUrl(path: string, ctx: RequestContext = {}): Promise<UrlResolution | undefined> {
    // Magento wants the path without the leading slash and without the query string.
    const url = requireText("path", path).split(/[?#]/)[0]!.replace(/^\/+/, "") || "/";
    return readThrough(deps, ctx, {
      resource: "route",
      args: { url },
      ttl: deps.config.ttls.url,
      tags: (resolution: UrlResolution | undefined) => (resolution ? tagsOfResolution(resolution) : []),
      load: async (addTags) => {
        const answer = await deps.graphql.request<{ route?: unknown }>("route", routeQuery, { url }, ctx, { allowMissing: true });
        addTags(answer?.tags ?? []);
        return answer?.data.route == null ? undefined : reshapeRoute(answer.data.route, url);
      },
    });
  }
  return { resolveUrl };
}
