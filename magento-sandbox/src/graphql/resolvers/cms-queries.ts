import type { CmsPage } from "../../catalog/types.ts";
import type { GraphQlContext, ResolverMap } from "../context.ts";
import { renderCmsContent } from "../../catalog/index.ts";
import { GraphQlInputError, GraphQlNoSuchEntityError } from "../../errors.ts";

export function toCmsPageView(page: CmsPage, context: GraphQlContext): Record<string, unknown> {
  context.cacheTags.add(`cms_p_${page.id}`);
  return {
    __typename: "CmsPage",
    identifier: page.identifier, url_key: page.identifier, title: page.title, content_heading: page.contentHeading,
    content: renderCmsContent(page.content, context.catalog, context.baseUrl), page_layout: page.pageLayout,
    meta_title: page.metaTitle || null, meta_keywords: page.metaKeywords || null, meta_description: page.metaDescription || null,
    relative_url: page.identifier, redirect_code: 0, type: "CMS_PAGE",
  };
}

/** cmsPage(identifier | id) and cmsBlocks(identifiers) with Magento's no-such-entity messages. */
export const cmsQueryResolvers: ResolverMap = {
  "Query.cmsPage": (_source, args, context) => {
    const { identifier, id } = args as { identifier?: string | null; id?: number | null };
    if ((identifier === undefined || identifier === null) && (id === undefined || id === null)) {
      throw new GraphQlInputError("Page id/identifier should be specified");
    }
    const page = identifier !== undefined && identifier !== null ? context.catalog.getCmsPage(identifier) : context.catalog.getCmsPageById(id ?? 0);
    if (!page || !page.isActive) throw new GraphQlNoSuchEntityError(`The CMS page with the "${identifier ?? id}" ID doesn't exist.`);
    return toCmsPageView(page, context);
  },
  "Query.cmsBlocks": (_source, args, context) => {
    const identifiers = ((args as { identifiers?: (string | null)[] | null }).identifiers ?? []).filter((i): i is string => i !== null);
    if (identifiers.length === 0) throw new GraphQlInputError('"identifiers" of CMS blocks should be specified');
    context.cacheTags.add("cms_b");
    const items = identifiers.map((identifier) => {
      const block = context.catalog.getCmsBlock(identifier) ?? context.catalog.cmsBlocks.find((b) => String(b.id) === identifier);
      if (!block || !block.isActive) throw new GraphQlNoSuchEntityError(`The CMS block with the "${identifier}" ID doesn't exist.`);
      context.cacheTags.add(`cms_b_${block.id}`);
      context.cacheTags.add(`cms_b_${block.identifier}`);
      return { identifier: block.identifier, title: block.title, content: renderCmsContent(block.content, context.catalog, context.baseUrl) };
    });
    return { items };
  },
};
