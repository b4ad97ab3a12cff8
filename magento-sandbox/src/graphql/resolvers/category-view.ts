import type { Category } from "../../catalog/types.ts";
import type { GraphQlContext } from "../context.ts";
import { renderCmsContent, SAMPLE_DATA_TIME, URL_SUFFIX } from "../../catalog/index.ts";
import { toProductView } from "./product-view.ts";
import { readSort } from "./product-query-input.ts";
import { GraphQlInputError } from "../../errors.ts";

/** A category as CategoryTree; children, products and counts resolve on demand. */
export function toCategoryView(category: Category, context: GraphQlContext): Record<string, unknown> {
  const { catalog } = context;
  context.cacheTags.add("cat_c");
  context.cacheTags.add(`cat_c_${category.id}`);
  const children = () => catalog.getChildren(category.id).filter((c) => c.isActive);
  const block = category.landingBlock ? catalog.getCmsBlock(category.landingBlock) : undefined;
  const url = category.urlPath ? category.urlPath + URL_SUFFIX : null;
  return {
    __typename: "CategoryTree",
    id: category.id, uid: category.uid, name: category.name, url_key: category.urlKey || null,
    url_path: category.urlPath || null, url_suffix: URL_SUFFIX, canonical_url: url, relative_url: url,
    redirect_code: 0, type: "CATEGORY", path: category.path.join("/"), path_in_store: null,
    level: category.level, position: category.position, include_in_menu: category.includeInMenu ? 1 : 0,
    is_anchor: category.isAnchor ? 1 : 0, display_mode: category.displayMode, landing_page: block?.id ?? null,
    cms_block: block ? { identifier: block.identifier, title: block.title, content: renderCmsContent(block.content, catalog, context.baseUrl) } : null,
    description: category.description || null, meta_title: null, meta_keywords: null, meta_description: null,
    image: null, available_sort_by: ["name", "position", "price"], default_sort_by: "position",
    automatic_sorting: "", custom_layout_update_file: null, filter_price_range: null, staged: false,
    created_at: SAMPLE_DATA_TIME, updated_at: SAMPLE_DATA_TIME,
    children_count: String(countDescendants(context, category)),
    children: () => children().map((c) => toCategoryView(c, context)),
    product_count: () => catalog.countProductsInCategory(category.id),
    breadcrumbs: () => {
      const crumbs = catalog.getBreadcrumbs(category.id);
      return crumbs.length === 0 ? null : crumbs.map((c) => ({
        category_id: c.id, category_uid: c.uid, category_name: c.name, category_level: c.level,
        category_url_key: c.urlKey, category_url_path: c.urlPath,
      }));
    },
    products: (args: { pageSize?: number; currentPage?: number; sort?: Record<string, string> }) => {
      const pageSize = args.pageSize ?? 20;
      const currentPage = args.currentPage ?? 1;
      if (pageSize < 1 || currentPage < 1) throw new GraphQlInputError(pageSize < 1 ? "pageSize value must be greater than 0." : "currentPage value must be greater than 0.");
      const listing = catalog.listProducts({ filters: [{ field: "category_id", eq: String(category.id) }], pageSize, currentPage, sort: readSort(args.sort) });
      return {
        items: listing.items.map((p) => toProductView(p, context)), total_count: listing.totalCount,
        page_info: { current_page: listing.currentPage, page_size: listing.pageSize, total_pages: listing.totalPages },
      };
    },
  };
}

function countDescendants(context: GraphQlContext, category: Category): number {
  return category.childrenIds.reduce((sum, id) => {
    const child = context.catalog.getCategoryById(id);
    return child ? sum + 1 + countDescendants(context, child) : sum;
  }, 0);
}
