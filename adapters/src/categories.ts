// Category tree (menu) and category by url path. Tagged `cat_c_<id>` for every category in the answer.
import type { Category, CategoryTree } from "./domain/category.ts";
import type { RequestContext } from "./domain/context.ts";
import { normalizeUrlPath } from "./arguments.ts";
import { categoryByUrlPathQuery, categoryTreeQuery } from "./magento/queries/categories.ts";
import { collectCategoryIds, reshapeCategory, reshapeCategoryTree } from "./magento/reshape-category.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

interface CategoriesAnswer {
  categories?: { items?: unknown[] | null } | null;
}

export function createCategoriesArea(deps: AreaDeps) {
  async function getCategoryTree(ctx: RequestContext = {}): Promise<CategoryTree[]> {
    return readThrough(deps, ctx, {
      resource: "category-tree",
      args: {},
      ttl: deps.config.ttls.category,
      tags: (roots: CategoryTree[]) => collectCategoryIds(roots).map((id) => `cat_c_${id}`),
      load: async (addTags) => {
        const answer = await deps.graphql.request<CategoriesAnswer>("category tree", categoryTreeQuery, {}, ctx);
        addTags(answer?.tags ?? []);
        const roots = (answer?.data.categories?.items ?? []).filter((item) => item != null).map(reshapeCategoryTree);
        // Magento answers the store's root category; the menu is its children.
        return roots.flatMap((root) => (root.level <= 1 ? root.children : [root]));
      },
    });
  }

  async function getCategoryByUrlPath(path: string, ctx: RequestContext = {}): Promise<Category | undefined> {
    const urlPath = normalizeUrlPath("path", path);
    return readThrough(deps, ctx, {
      resource: "category",
      args: { urlPath },
      ttl: deps.config.ttls.category,
      tags: (category: Category | undefined) => (category ? [`cat_c_${category.id}`] : []),
      load: async (addTags) => {
        const answer = await deps.graphql.request<CategoriesAnswer>("category", categoryByUrlPathQuery, { urlPath }, ctx);
        addTags(answer?.tags ?? []);
        const raw = answer?.data.categories?.items?.[0];
        // A landing page shows its CMS block: a purge of that block (by identifier) drops the category too.
        const block = (raw as { cms_block?: { identifier?: unknown } | null } | null | undefined)?.cms_block?.identifier;
        if (typeof block === "string" && block) addTags([`cms_b_${block}`]);
        return raw == null ? undefined : reshapeCategory(raw);
      },
    });
  }

  return { getCategoryTree, getCategoryByUrlPath };
}
