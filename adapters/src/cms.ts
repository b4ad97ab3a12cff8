// CMS pages and blocks. GraphQL does not expose their numeric ids, so entries are tagged with
// Magento's own X-Magento-Tags when present (`cms_p_<id>`, `cms_b_<id>`) and by identifier
// (`cms_p_<identifier>`, `cms_b_<identifier>`) for a purge sent by name.
import type { CmsBlock, CmsPage } from "./domain/cms.ts";
import type { RequestContext } from "./domain/context.ts";
import { requireText } from "./arguments.ts";
import { InvalidArgumentError } from "./errors.ts";
import { cmsBlocksQuery, cmsPageQuery } from "./magento/queries/cms.ts";
import { reshapeCmsBlock, reshapeCmsPage } from "./magento/reshape-content.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

interface Tagged<T> {
  value: T;
  tags: string[];
}

export function createCmsArea(deps: AreaDeps) {
  async function getCmsPage(identifier: string, ctx: RequestContext = {}): Promise<CmsPage | undefined> {
    const id = requireText("identifier", identifier).replace(/^\/+/, "");
    const tagged = await readThrough(deps, ctx, {
      resource: "cms-page",
      args: { id },
      ttl: deps.config.ttls.cms,
      tags: (entry: Tagged<CmsPage> | undefined) => entry?.tags ?? [],
      load: async (): Promise<Tagged<CmsPage> | undefined> => {
        const answer = await deps.graphql.request<{ cmsPage?: unknown }>("CMS page", cmsPageQuery, { identifier: id }, ctx, { allowMissing: true });
        if (answer?.data.cmsPage == null) return undefined;
        const page = reshapeCmsPage(answer.data.cmsPage);
        return { value: page, tags: [...new Set([`cms_p_${page.identifier}`, ...answer.tags])] };
      },
    });
    return tagged?.value;
  }

  // Magento fails the whole cmsBlocks query when one identifier is unknown, so on "no such
  // entity" each identifier is asked (and cached) on its own and the unknown ones are left out.
  async function readBlocks(ids: string[], ctx: RequestContext): Promise<Tagged<CmsBlock[]> | undefined> {
    return readThrough(deps, ctx, {
      resource: "cms-blocks",
      args: { ids },
      ttl: deps.config.ttls.cms,
      tags: (entry: Tagged<CmsBlock[]> | undefined) => entry?.tags ?? [],
      load: async (): Promise<Tagged<CmsBlock[]> | undefined> => {
        const answer = await deps.graphql.request<{ cmsBlocks?: { items?: unknown[] | null } | null }>(
          "CMS blocks", cmsBlocksQuery, { identifiers: ids }, ctx, { allowMissing: true });
        if (!answer) return undefined;
        const blocks = (answer.data.cmsBlocks?.items ?? []).filter((item) => item != null).map(reshapeCmsBlock);
        return { value: blocks, tags: [...new Set([...ids.map((id) => `cms_b_${id}`), ...answer.tags])] };
      },
    });
  }

  async function getCmsBlocks(identifiers: string[], ctx: RequestContext = {}): Promise<CmsBlock[]> {
    if (!Array.isArray(identifiers) || identifiers.length === 0) throw new InvalidArgumentError("identifiers", "must be a non-empty array");
    const ids = identifiers.map((id, index) => requireText(`identifiers[${index}]`, id));
    const together = await readBlocks(ids, ctx);
    const blocks = together
      ? together.value
      : (await Promise.all(ids.length > 1 ? ids.map((id) => readBlocks([id], ctx)) : [])).flatMap((one) => one?.value ?? []);
    return ids.flatMap((id) => blocks.filter((block) => block.identifier === id));
  }

  return { getCmsPage, getCmsBlocks };
}
