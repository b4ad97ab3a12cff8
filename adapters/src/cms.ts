// CMS pages and blocks. GraphQL does not expose their numeric ids, so entries carry Magento's own
// X-Magento-Tags (`cms_p_<id>`, `cms_b_<id>`) and, for a purge sent by name, `cms_p_<identifier>`
// / `cms_b_<identifier>`.
import type { CmsBlock, CmsPage } from "./domain/cms.ts";
import type { RequestContext } from "./domain/context.ts";
import { requireText } from "./arguments.ts";
import { InvalidArgumentError } from "./errors.ts";
import { cmsBlocksQuery, cmsPageQuery } from "./magento/queries/cms.ts";
import { reshapeCmsBlock, reshapeCmsPage } from "./magento/reshape-content.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

export function createCmsArea(deps: AreaDeps) {
  async function getCmsPage(identifier: string, ctx: RequestContext = {}): Promise<CmsPage | undefined> {
    const id = requireText("identifier", identifier).replace(/^\/+/, "");
    return readThrough(deps, ctx, {
      resource: "cms-page",
      args: { id },
      ttl: deps.config.ttls.cms,
      tags: (page: CmsPage | undefined) => (page ? [`cms_p_${page.identifier}`] : []),
      load: async (addTags) => {
        const answer = await deps.graphql.request<{ cmsPage?: unknown }>("CMS page", cmsPageQuery, { identifier: id }, ctx, { allowMissing: true });
        if (answer?.data.cmsPage == null) return undefined;
        addTags(answer.tags);
        return reshapeCmsPage(answer.data.cmsPage);
      },
    });
  }

  /** `undefined` when Magento rejected the batch because one identifier is unknown. */
  function readBlocks(ids: string[], ctx: RequestContext): Promise<CmsBlock[] | undefined> {
    return readThrough(deps, ctx, {
      resource: "cms-blocks",
      args: { ids },
      ttl: deps.config.ttls.cms,
      tags: () => ids.map((id) => `cms_b_${id}`),
      load: async (addTags) => {
        const answer = await deps.graphql.request<{ cmsBlocks?: { items?: unknown[] | null } | null }>(
          "CMS blocks", cmsBlocksQuery, { identifiers: ids }, ctx, { allowMissing: true });
        if (!answer) return undefined;
        addTags(answer.tags);
        return (answer.data.cmsBlocks?.items ?? []).filter((item) => item != null).map(reshapeCmsBlock);
      },
    });
  }

  // Magento fails the whole cmsBlocks query when one identifier is unknown, so then each identifier
  // is asked (and cached) on its own and the unknown ones are left out.
  async function getCmsBlocks(identifiers: string[], ctx: RequestContext = {}): Promise<CmsBlock[]> {
    if (!Array.isArray(identifiers) || identifiers.length === 0) throw new InvalidArgumentError("identifiers", "must be a non-empty array");
    const ids = identifiers.map((id, index) => requireText(`identifiers[${index}]`, id));
    const together = await readBlocks(ids, ctx);
    const blocks = together ?? (ids.length > 1 ? (await Promise.all(ids.map((id) => readBlocks([id], ctx)))).flatMap((one) => one ?? []) : []);
    return ids.flatMap((id) => blocks.filter((block) => block.identifier === id));
  }

  return { getCmsPage, getCmsBlocks };
}
