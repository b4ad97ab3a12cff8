import type { UrlRewrite } from "../../catalog/types.ts";
import type { GraphQlContext, ResolverMap } from "../context.ts";
import { encodeUid } from "../../catalog/uid.ts";
import { toProductView } from "./product-view.ts";
import { toCategoryView } from "./category-view.ts";
import { toCmsPageView } from "./cms-queries.ts";

/** route (RoutableInterface) and the deprecated urlResolver (EntityUrl); unknown URL → null. */
export const routeQueryResolvers: ResolverMap = {
  "Query.route": (_source, args, context) => {
    const rewrite = context.catalog.resolveUrl(String((args as { url: string }).url));
    if (!rewrite) return null;
    const entity = toEntityView(rewrite, context);
    return entity ? { ...entity, relative_url: relativeUrl(rewrite), redirect_code: rewrite.redirectCode, type: rewrite.entityType } : null;
  },
  "Query.urlResolver": (_source, args, context) => {
    const rewrite = context.catalog.resolveUrl(String((args as { url: string }).url));
    if (!rewrite || !toEntityView(rewrite, context)) return null;
    return {
      id: rewrite.entityId, entity_uid: encodeUid(rewrite.entityId), canonical_url: rewrite.requestPath,
      relative_url: relativeUrl(rewrite), redirectCode: rewrite.redirectCode, type: rewrite.entityType,
    };
  },
};

/** A redirect answers where to go (its target), as Magento's EntityUrl does; a served URL answers itself. */
function relativeUrl(rewrite: UrlRewrite): string {
  return rewrite.redirectCode === 0 ? rewrite.requestPath : rewrite.targetPath;
}

function toEntityView(rewrite: UrlRewrite, context: GraphQlContext): Record<string, unknown> | undefined {
  const { catalog } = context;
  if (rewrite.entityType === "PRODUCT") {
    const product = catalog.getProductById(rewrite.entityId);
    return product?.enabled ? toProductView(product, context) : undefined;
  }
  if (rewrite.entityType === "CATEGORY") {
    const category = catalog.getCategoryById(rewrite.entityId);
    return category?.isActive ? toCategoryView(category, context) : undefined;
  }
  const page = catalog.getCmsPageById(rewrite.entityId);
  return page?.isActive ? toCmsPageView(page, context) : undefined;
}
